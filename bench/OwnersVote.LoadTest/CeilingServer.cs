using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Features.Ballots;

namespace OwnersVote.LoadTest;

/// <summary>A credential handed to the bare server before the run: what enrolment would have stored.</summary>
/// <param name="CredentialId">The credential's raw id, base64url.</param>
/// <param name="PublicKey">Its COSE_Key, base64url.</param>
internal sealed record CeilingCredential(string CredentialId, string PublicKey);

/// <summary>The bare server's answer to a ballot whose assertion verified: a count, no receipt.</summary>
/// <param name="Index">How many ballots verified before this one.</param>
/// <param name="BallotId">The ballot's challenge, hex, as the real server names a ballot.</param>
internal sealed record CeilingAnswer(long Index, string BallotId);

/// <summary>Counts since the bare server started.</summary>
internal sealed record CeilingCounts(long Verified, long Refused);

/// <summary>
/// <c>ceiling-server</c>: the least any server taking signed ballots over HTTP must do per ballot,
/// run by <c>ceiling</c> (<see cref="CeilingRun"/>) to bound what the real server could reach on
/// this machine. Kestrel, HTTP/1.1, loopback; one endpoint reads the body the real server reads
/// (<see cref="BallotSubmission"/>), base64url-decodes its four fields, takes the prepared ballot's
/// challenge by its handle (once, as the real desk does) and verifies the WebAuthn assertion with
/// the library the real server uses (<see cref="AssertionVerifier"/>: client data type, challenge
/// and origin, RP ID hash, UP/UV flags, then ECDSA P-256 over authenticatorData ‖
/// SHA-256(clientDataJSON) with the key imported once per credential by <see cref="CoseKey"/>).
/// No database, no log, no fsync, no cookie, no logging.
/// </summary>
/// <remarks>
/// The signature counter (WebAuthn §7.2 step 22) is checked against 0, not a stored count: keeping
/// a count per credential is state, and state is what the ceiling leaves out. The options endpoint
/// and the credential list exist only to set the run up (untimed).
/// </remarks>
internal static class CeilingServer
{
    /// <summary>The RP ID the bare server's relying party has, as the real server's is the host name.</summary>
    public const string RpId = "localhost";

    /// <summary>The vote name in the URLs, so the client posts to the same paths as <c>load</c>.</summary>
    public const string Vote = "ceiling";

    public static async Task<int> RunAsync(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http1));
        string origin = builder.Configuration["urls"] ?? throw new InvalidOperationException("ceiling-server needs --urls=http://localhost:PORT");
        await using WebApplication app = builder.Build();

        var relyingParty = new RelyingParty(RpId, new HashSet<string>([origin], StringComparer.Ordinal), RequireUserVerification: true);
        var credentials = new ConcurrentDictionary<string, StoredCredential>(StringComparer.Ordinal);
        var prepared = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        long verified = 0;
        long refused = 0;

        app.MapGet("/readyz", () => "ready");
        app.MapGet("/ceiling/counts", () => new CeilingCounts(Interlocked.Read(ref verified), Interlocked.Read(ref refused)));
        app.MapPost("/ceiling/credentials", Results<Ok<int>, BadRequest<string>> (CeilingCredential[] given) =>
        {
            foreach (CeilingCredential c in given)
            {
                if (!Base64UrlText.TryDecode(c.CredentialId, out byte[] id) || !Base64UrlText.TryDecode(c.PublicKey, out byte[] cose) || !CoseKey.TryParse(cose, out CoseKey? key))
                {
                    return TypedResults.BadRequest($"credential {c.CredentialId} is not a base64url id and ES256 COSE_Key");
                }

                credentials[c.CredentialId] = new StoredCredential(id, key!, 0);
            }

            return TypedResults.Ok(credentials.Count);
        });

        // As the real /ballot/options: the ballot's canonical JSON, its challenge
        // SHA-256("OV-BALLOT-v1\0" ‖ JCS(ballot)) (DESIGN.md "Ballot signing") kept under a handle.
        app.MapPost("/api/votes/{vote}/ballot/options", (string vote, BallotOptionsRequest request) =>
        {
            var ballot = new JsonObject
            {
                ["vote"] = vote,
                ["answers"] = new JsonObject([.. (request.Answers ?? new Dictionary<string, string>()).Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]),
                ["nonce"] = Base64UrlText.Encode(RandomNumberGenerator.GetBytes(16)),
            };
            byte[] challenge = BallotChallenge.Compute(Jcs.Canonicalize(ballot));
            string handle = Base64UrlText.Encode(RandomNumberGenerator.GetBytes(16));
            prepared[handle] = challenge;
            return TypedResults.Ok(new BallotOptions(handle, ballot, Base64UrlText.Encode(challenge), RpId, []));
        });

        app.MapPost("/api/votes/{vote}/ballot", Results<Ok<CeilingAnswer>, ProblemHttpResult> (string vote, BallotSubmission submission) =>
        {
            // The real server's first step, unchanged (BallotApi.SubmitAsync).
            if (!Base64UrlText.TryDecode(submission.CredentialId, out byte[] credentialId) || credentialId.Length == 0
                || !Base64UrlText.TryDecode(submission.AuthenticatorData, out byte[] authenticatorData) || authenticatorData.Length == 0
                || !Base64UrlText.TryDecode(submission.ClientDataJson, out byte[] clientData) || clientData.Length == 0
                || !Base64UrlText.TryDecode(submission.Signature, out byte[] signature) || signature.Length == 0)
            {
                return Refuse("not-base64url");
            }

            if (submission.Handle is null || !prepared.TryRemove(submission.Handle, out byte[]? challenge))
            {
                return Refuse("unknown-handle");
            }

            if (!credentials.TryGetValue(submission.CredentialId!, out StoredCredential? credential))
            {
                return Refuse("unknown-credential");
            }

            AssertionResult result = AssertionVerifier.Verify(new WebAuthnAssertion(credentialId, authenticatorData, clientData, signature), challenge, credential, relyingParty);
            if (result is AssertionResult.Rejected rejected)
            {
                return Refuse(rejected.Code);
            }

            return TypedResults.Ok(new CeilingAnswer(Interlocked.Increment(ref verified) - 1, Convert.ToHexStringLower(challenge)));
        });

        ProblemHttpResult Refuse(string code)
        {
            Interlocked.Increment(ref refused);
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: BallotApi.BallotRefusedType, detail: code);
        }

        await app.RunAsync();
        return 0;
    }
}
