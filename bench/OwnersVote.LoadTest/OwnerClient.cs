using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OwnersVote.Voting.Signing;

namespace OwnersVote.LoadTest;

/// <summary>
/// A ballot signed before the timed phase: the submission body as UTF-8 JSON, ready to post (the
/// timed phase neither serialises nor allocates it; sent with a Content-Length, as a browser's
/// <c>fetch</c> sends a string body).
/// </summary>
internal sealed record SignedBallot(OwnerClient Owner, string Vote, byte[] Body)
{
    /// <summary>The server the ballot was prepared on (its challenge is held there), as <see cref="OwnerClient.Node"/> was.</summary>
    public required string Node { get; init; }
}

/// <summary>
/// What the server answered to a submitted ballot. <see cref="Latency"/> runs from the moment the
/// ballot was due to be sent (open loop: its scheduled time) to the answer. An accepted answer is
/// kept as the bytes that arrived and parsed on first use, after the timed window: the generator
/// shares the machine's cores with the server, and reading kilobytes of receipt JSON per ballot
/// inside the window took CPU the server could have used. The bytes are the whole answer, so
/// nothing is checked less: every receipt is still parsed and verified afterwards.
/// </summary>
internal sealed class CastOutcome
{
    private readonly byte[] _answer;
    private ParsedAnswer? _parsed;

    private CastOutcome(bool accepted, byte[] answer, string problem, TimeSpan latency)
    {
        Accepted = accepted;
        _answer = answer;
        Problem = problem;
        Latency = latency;
    }

    /// <summary>An accepted ballot: the server's answer, its body as received.</summary>
    public static CastOutcome Receipted(byte[] answer, TimeSpan latency) => new(true, answer, "", latency);

    /// <summary>A refused or unanswered ballot, with what went wrong.</summary>
    public static CastOutcome Refused(string problem, TimeSpan latency) => new(false, [], problem, latency);

    public bool Accepted { get; }

    public string Problem { get; }

    public TimeSpan Latency { get; }

    /// <summary>The log index the receipt names (-1 when refused).</summary>
    public long Index => Parsed().Index;

    /// <summary>The entry's leaf hash, base64, as the server answered it.</summary>
    public string LeafHash => Parsed().LeafHash;

    /// <summary>The c2sp.org/tlog-proof receipt text.</summary>
    public string Receipt => Parsed().Receipt;

    private ParsedAnswer Parsed()
    {
        if (!Accepted)
        {
            return ParsedAnswer.None;
        }

        // A reference, so a reader on another thread sees all of it or parses again.
        if (_parsed is not { } parsed)
        {
            // Answers from the ceiling server carry no receipt fields: "" as before.
            JsonObject receipt = JsonNode.Parse(_answer)!.AsObject();
            parsed = new ParsedAnswer(receipt["index"]!.GetValue<long>(), receipt["leafHash"]?.GetValue<string>() ?? "", receipt["receipt"]?.GetValue<string>() ?? "");
            _parsed = parsed;
        }

        return parsed;
    }

    private sealed record ParsedAnswer(long Index, string LeafHash, string Receipt)
    {
        public static readonly ParsedAnswer None = new(-1, "", "");
    }
}

/// <summary>
/// One synthetic owner on their own device: a cookie session from signing in with the invitation
/// code (the sign-in page's form, antiforgery included), a software passkey registered through
/// <c>/api/passkey/registration</c> (attestation none), ballots prepared by
/// <c>/api/votes/{vote}/ballot/options</c> and signed with a genuine ES256 WebAuthn assertion.
/// Each owner connects from a loopback address of its own or shared with a few others, as owners
/// on their own phones would.
/// </summary>
internal sealed partial class OwnerClient(string baseUrl, string vote, string code, IPAddress source) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = new CookieContainer(),
        UseCookies = true,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };

    private SoftwareAuthenticator? _passkey;

    public string Vote { get; } = vote;

    /// <summary>
    /// The server ballots are prepared on and cast to (cluster mode: any node; the session cookie
    /// works on all of them, cookies being per host, not per port). Starts as the sign-in server.
    /// </summary>
    public string Node { get; set; } = baseUrl;

    private readonly string _home = baseUrl;

    /// <summary>Signs in with the invitation code and registers a new passkey.</summary>
    public async Task EnrolAsync(CancellationToken cancellationToken)
    {
        string page = await _http.GetStringAsync(new Uri("/signin", UriKind.Relative), cancellationToken);
        string token = Antiforgery().Match(page) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token on /signin");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = code, ["__RequestVerificationToken"] = token });
        using HttpResponseMessage signedIn = await _http.PostAsync(new Uri("/signin", UriKind.Relative), form, cancellationToken);
        if (signedIn.StatusCode != HttpStatusCode.Redirect || signedIn.Headers.Location?.OriginalString != "/signin/passkey")
        {
            throw new InvalidOperationException($"sign-in with the invitation code answered {(int)signedIn.StatusCode}");
        }

        JsonObject options = await PostJsonAsync("/api/passkey/registration/options", new JsonObject(), cancellationToken);
        _passkey = SoftwareAuthenticator.MakeCredential(options["rpId"]!.GetValue<string>());
        (byte[] attestation, byte[] clientData) = _passkey.CreateRegistration(Challenge(options), _home);
        await PostJsonAsync("/api/passkey/registration", new JsonObject
        {
            ["handle"] = options["handle"]!.GetValue<string>(),
            ["attestationObject"] = Base64UrlText.Encode(attestation),
            ["clientDataJson"] = Base64UrlText.Encode(clientData),
        }, cancellationToken);
    }

    /// <summary>
    /// Makes a passkey on this device without registering it anywhere (<c>ceiling</c>: the bare
    /// server has no enrolment; its caller hands the public key over) and returns what a relying
    /// party stores of it.
    /// </summary>
    public (ReadOnlyMemory<byte> CredentialId, byte[] PublicKey) CreateLocalPasskey(string rpId)
    {
        _passkey?.Dispose();
        _passkey = SoftwareAuthenticator.MakeCredential(rpId);
        return (_passkey.CredentialId, _passkey.CosePublicKey);
    }

    /// <summary>Prepares the ballot on the server and signs its challenge with the passkey.</summary>
    public async Task<SignedBallot> PrepareAndSignAsync(string choice, CancellationToken cancellationToken)
    {
        SoftwareAuthenticator passkey = _passkey ?? throw new InvalidOperationException("enrol first");
        string node = Node;
        JsonObject options = await PostJsonAsync(node + $"/api/votes/{Vote}/ballot/options", new JsonObject { ["answers"] = new JsonObject { ["q1"] = choice } }, cancellationToken);
        WebAuthnAssertion assertion = passkey.GetAssertion(Challenge(options), node);
        var body = new JsonObject
        {
            ["handle"] = options["handle"]!.GetValue<string>(),
            ["credentialId"] = Base64UrlText.Encode(assertion.CredentialId.Span),
            ["authenticatorData"] = Base64UrlText.Encode(assertion.AuthenticatorData.Span),
            ["clientDataJson"] = Base64UrlText.Encode(assertion.ClientDataJson.Span),
            ["signature"] = Base64UrlText.Encode(assertion.Signature.Span),
        };
        return new SignedBallot(this, Vote, Encoding.UTF8.GetBytes(body.ToJsonString())) { Node = node };
    }

    /// <summary>Submits a signed ballot now; the latency runs until the durable receipt arrives.</summary>
    public Task<CastOutcome> CastAsync(SignedBallot ballot, CancellationToken cancellationToken) =>
        CastAsync(ballot, Stopwatch.GetTimestamp(), cancellationToken);

    /// <summary>
    /// Submits a signed ballot that was due at <paramref name="due"/> (a <see cref="Stopwatch"/>
    /// timestamp); the latency runs from then until the answer: a durable receipt from the real
    /// server, a verification from the <c>ceiling</c> server (which sends no receipt fields).
    /// </summary>
    public async Task<CastOutcome> CastAsync(SignedBallot ballot, long due, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(ballot.Body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        using HttpResponseMessage response = await _http.PostAsync(new Uri(ballot.Node + $"/api/votes/{ballot.Vote}/ballot"), content, cancellationToken);
        byte[] answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        TimeSpan latency = Stopwatch.GetElapsedTime(due);
        return response.IsSuccessStatusCode
            ? CastOutcome.Receipted(answer, latency)
            : CastOutcome.Refused($"{(int)response.StatusCode} {Encoding.UTF8.GetString(answer)}", latency);
    }

    private static byte[] Challenge(System.Text.Json.Nodes.JsonObject options) =>
        Base64UrlText.TryDecode(options["challenge"]?.GetValue<string>(), out byte[] challenge) ? challenge : throw new InvalidOperationException("the challenge is not base64url");

    public void Dispose()
    {
        _http.Dispose();
        _passkey?.Dispose();
    }

    private async Task<JsonObject> PostJsonAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.PostAsJsonAsync(new Uri(path, UriKind.RelativeOrAbsolute), body, cancellationToken);
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
