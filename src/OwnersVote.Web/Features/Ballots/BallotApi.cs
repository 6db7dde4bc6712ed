using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Features.Receipts;
using OwnersVote.Web.Features.SignIn;

namespace OwnersVote.Web.Features.Ballots;

/// <summary>The body of <c>POST /api/votes/{vote}/ballot/options</c>: one answer per question id.</summary>
/// <param name="Answers">One answer per question id.</param>
/// <param name="Handwriting">The handwritten signature as a PNG, unpadded base64url, where the vote takes one (issue 11).</param>
public sealed record BallotOptionsRequest(IReadOnlyDictionary<string, string>? Answers, string? Handwriting = null);

/// <summary>What navigator.credentials.get needs to sign the ballot, and the ballot itself to show.</summary>
/// <param name="Handle">Sent back with the assertion.</param>
/// <param name="Ballot">The ballot object whose JCS bytes the challenge commits to.</param>
/// <param name="Challenge">SHA-256("OV-BALLOT-v1\0" ‖ JCS(ballot)), base64url.</param>
/// <param name="RpId">The relying party id.</param>
/// <param name="AllowCredentials">The owner's passkeys that may sign, base64url ids.</param>
public sealed record BallotOptions(string Handle, JsonObject Ballot, string Challenge, string RpId, IReadOnlyList<string> AllowCredentials);

/// <summary>The body of <c>POST /api/votes/{vote}/ballot</c>: the assertion over the ballot's challenge.</summary>
public sealed record BallotSubmission(string? Handle, string? CredentialId, string? AuthenticatorData, string? ClientDataJson, string? Signature);

/// <summary>The ballot is in the log: where, whether it counts, and its receipt.</summary>
/// <param name="Index">The log entry index.</param>
/// <param name="LeafHash">RFC 9162 leaf hash, base64.</param>
/// <param name="BallotId">The ballot id (its challenge, hex).</param>
/// <param name="Counts">Whether it is the principal's counted ballot now.</param>
/// <param name="Rejection">Why the count does not take it, or null.</param>
/// <param name="Receipt">The c2sp.org/tlog-proof receipt.</param>
/// <param name="ReceiptUrl">The receipt page.</param>
public sealed record BallotReceipt(long Index, string LeafHash, string BallotId, bool Counts, string? Rejection, string Receipt, string ReceiptUrl);

/// <summary>A pasted receipt's check, as JSON.</summary>
public sealed record ReceiptCheckView(
    bool Verified,
    string? Failure,
    long Index,
    long? TreeSize,
    string? RootHash,
    IReadOnlyList<string> Cosigners,
    string? Vote,
    IReadOnlyList<string>? Units,
    IReadOnlyDictionary<string, string>? Answers,
    bool StillInLog,
    bool? Counts);

/// <summary>
/// The JSON API of the ballot steps (issue 4): prepare a ballot for the passkey, submit the signed
/// ballot, fetch a receipt, check a receipt. The pages use the same services.
/// </summary>
public static class BallotApi
{
    /// <summary>Problem type prefix: the ballot was refused; <c>detail</c> is the code.</summary>
    public const string BallotRefusedType = "urn:ownersvote:problem:ballot-refused";

    /// <summary>The problem type of a receipt held until its compound's witnesses cosign.</summary>
    public const string ReceiptHeldType = "urn:ownersvote:problem:receipt-awaiting-witnesses";

    /// <summary>The media type of a tlog-proof receipt download.</summary>
    public const string ReceiptMediaType = "text/plain; charset=utf-8";

    /// <summary>Maps the endpoints.</summary>
    public static void MapBallotApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        RouteGroupBuilder votes = app.MapGroup("/api/votes/{vote}/ballot").RequireAuthorization(SignInSetup.OwnerPolicy);
        votes.MapPost("/options", OptionsAsync);
        votes.MapPost("/", SubmitAsync);
        // Receipts are public: the ballot entry is in the public log anyway (units and answers, no names).
        app.MapGet("/api/receipts/{index:long}", ReceiptAsync).AllowAnonymous();
        app.MapPost("/api/receipts/verify", VerifyAsync).AllowAnonymous();
        // Content-addressed: the name is the hash the signed ballot carries; ov verify checks the bytes.
        app.MapGet("/handwriting/{hash}.png", HandwritingAsync).AllowAnonymous();
    }

    /// <summary>The download name of a receipt.</summary>
    public static string FileName(long index) => $"ownersvote-receipt-{index}.tlog-proof";

    private static async Task<Results<Ok<BallotOptions>, ProblemHttpResult>> OptionsAsync(
        string vote, BallotOptionsRequest request, HttpContext context, BallotDesk desk, HandwritingStore images, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        OwnerSession session = OwnerSession.From(context.User)!;
        byte[]? handwriting = null;
        if (request.Handwriting is { Length: > 0 } && !Base64UrlText.TryDecode(request.Handwriting, out handwriting))
        {
            return Problem(new BallotRefused(BallotRefusal.HandwritingRequired));
        }

        (PreparedBallot? prepared, BallotRefused? refused) = await desk.PrepareAsync(session, vote, request.Answers ?? new Dictionary<string, string>(), handwriting, images, cancellationToken);
        if (prepared is null)
        {
            return Problem(refused!);
        }

        return TypedResults.Ok(new BallotOptions(
            prepared.Handle,
            prepared.Ballot.ToJson(),
            Base64UrlText.Encode(prepared.Challenge),
            prepared.RpId,
            prepared.Credentials));
    }

    private static async Task<Results<Ok<BallotReceipt>, ProblemHttpResult>> SubmitAsync(
        string vote, BallotSubmission submission, HttpContext context, BallotDesk desk, ReceiptDesk receipts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (!Base64UrlText.TryDecode(submission.CredentialId, out byte[] credentialId) || credentialId.Length == 0
            || !Base64UrlText.TryDecode(submission.AuthenticatorData, out byte[] authenticatorData) || authenticatorData.Length == 0
            || !Base64UrlText.TryDecode(submission.ClientDataJson, out byte[] clientData) || clientData.Length == 0
            || !Base64UrlText.TryDecode(submission.Signature, out byte[] signature) || signature.Length == 0)
        {
            return Problem(new BallotRefused(BallotRefusal.BadSignature, "not-base64url"));
        }

        OwnerSession session = OwnerSession.From(context.User)!;
        var assertion = new WebAuthnAssertion(credentialId, authenticatorData, clientData, signature);
        (CastBallot? cast, BallotRefused? refused) = await desk.CastAsync(session, vote, submission.Handle, assertion, cancellationToken);
        if (cast is null)
        {
            return Problem(refused!);
        }

        // DESIGN.md: a receipt is given only after the entry is durable — CastAsync returned after
        // the fsync — and cosigned by the witnesses the compound requires.
        IssuedReceipt issued = await receipts.IssueWitnessedAsync(cast.Index, cast.Entry, cast.Compound, cancellationToken)
            ?? throw new InvalidOperationException($"Entry {cast.Index} was appended but is not in the log.");
        if (issued.Receipt is not { } receipt)
        {
            return Held(context, cast.Index, issued.Held);
        }

        return TypedResults.Ok(new BallotReceipt(
            cast.Index,
            cast.LeafHash.ToBase64(),
            cast.BallotId,
            cast.Counts,
            cast.Rejection,
            Encoding.UTF8.GetString(receipt.Format()),
            $"/receipts/{cast.Index}"));
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> ReceiptAsync(long index, HttpContext context, ReceiptDesk receipts, CancellationToken cancellationToken)
    {
        IssuedReceipt? issued = await receipts.IssueWitnessedAsync(index, null, null, cancellationToken);
        if (issued is null)
        {
            return TypedResults.NotFound();
        }

        return issued.Receipt is { } receipt
            ? TypedResults.File(receipt.Format(), ReceiptMediaType, FileName(index))
            : Held(context, index, issued.Held);
    }

    // The entry stands in the log; only its receipt waits for the witnesses (docs/operations.md
    // "Per-compound witnesses"): 503 with Retry-After, and where to fetch it — the extensions
    // "index" and "receiptUrl" (the page the ballot script then shows, which waits in words).
    private static ProblemHttpResult Held(HttpContext context, long index, string? shortfall)
    {
        context.Response.Headers.RetryAfter = ReceiptModel.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: ReceiptHeldType,
            title: "Receipt awaiting witness cosignatures",
            detail: $"The ballot is in the log at index {index}; its receipt is given once the witnesses cosign: {shortfall}. Fetch it later from /api/receipts/{index}.",
            extensions: new Dictionary<string, object?>
            {
                ["index"] = index,
                ["receiptUrl"] = $"/receipts/{index}",
            });
    }

    private static async Task<Ok<ReceiptCheckView>> VerifyAsync(HttpRequest request, ReceiptDesk receipts, CancellationToken cancellationToken)
    {
        // A receipt is a few kilobytes; anything far larger is not one.
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        char[] buffer = new char[256 * 1024];
        int read = await reader.ReadBlockAsync(buffer, cancellationToken);
        ReceiptCheck check = await receipts.CheckAsync(new string(buffer, 0, read), cancellationToken);
        return TypedResults.Ok(View(check));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> HandwritingAsync(string hash, HandwritingStore images, CancellationToken cancellationToken) =>
        await images.GetAsync(hash, cancellationToken) is { } png ? TypedResults.File(png, "image/png") : TypedResults.NotFound();

    /// <summary>The JSON view of a receipt check.</summary>
    public static ReceiptCheckView View(ReceiptCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new ReceiptCheckView(
            check.Verified,
            check.Failure,
            check.Index,
            check.Checkpoint?.Size,
            check.Checkpoint?.Root.ToBase64(),
            check.Cosigners,
            check.Ballot?.Vote,
            check.Ballot?.Ballot.Units,
            check.Ballot?.Ballot.Answers.ToDictionary(a => a.Question, a => OwnerBallot.ChoiceText(a.Choice), StringComparer.Ordinal),
            check.StillInLog,
            check.Row?.Counts);
    }

    private static ProblemHttpResult Problem(BallotRefused refused) => TypedResults.Problem(
        statusCode: refused.Reason switch
        {
            BallotRefusal.NoSuchVote => StatusCodes.Status404NotFound,
            BallotRefusal.NotInScope => StatusCodes.Status403Forbidden,
            BallotRefusal.NotYetOpen or BallotRefusal.Closed or BallotRefusal.AlreadyVoted or BallotRefusal.NoPasskey => StatusCodes.Status409Conflict,
            BallotRefusal.Busy => StatusCodes.Status503ServiceUnavailable,
            BallotRefusal.TooManyUnits => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status400BadRequest,
        },
        type: BallotRefusedType,
        title: "Ballot refused",
        detail: refused.Code);
}
