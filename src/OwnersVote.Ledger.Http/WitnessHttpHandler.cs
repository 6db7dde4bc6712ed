using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace OwnersVote.Ledger.Http;

/// <summary>What one <c>add-checkpoint</c> request was and how it was answered, for the host's request log.</summary>
/// <param name="Request">The origin, old size and size the request claimed (never trusted), or <c>(malformed)</c>.</param>
/// <param name="Response">The response written.</param>
/// <param name="StorageFailure">The state store's failure when the answer is 500, otherwise null.</param>
public sealed record WitnessExchange(string Request, WitnessResponse Response, Exception? StorageFailure)
{
    /// <summary>One line: the claimed request and its outcome.</summary>
    public string Summary => string.Create(
        CultureInfo.InvariantCulture,
        $"add-checkpoint {Request}: {Response.StatusCode} {(Response.StatusCode == StatusCodes.Status200OK ? "cosigned" : Response.BodyText.ReplaceLineEndings(" ").Trim())}");
}

/// <summary>
/// The HTTP side of a c2sp.org/tlog-witness witness: reads a <c>POST &lt;submission
/// prefix&gt;/add-checkpoint</c> body (bounded), hands it to the Ledger's <see cref="Witness"/>
/// and writes its <see cref="WitnessResponse"/> back as is. Shared by <c>ov witness</c> and the
/// web server's demo witnesses, so both answer byte for byte alike.
/// </summary>
public static class WitnessHttpHandler
{
    /// <summary>
    /// The largest request body accepted: an old size line, at most 63 proof lines ("The client
    /// MUST NOT send more than 63 consistency proof lines") and a checkpoint with its signatures.
    /// </summary>
    public const int MaxRequestBytes = 64 * 1024;

    /// <summary>
    /// Answers one request. A state store that fails (I/O, permissions, a corrupt state file) is
    /// answered 500 — nothing was cosigned, as the spec's "MUST persist the new checkpoint before
    /// responding" requires — and reported in the result for the host to log.
    /// </summary>
    public static async Task<WitnessExchange> AddCheckpointAsync(HttpContext context, Witness witness)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(witness);
        CancellationToken aborted = context.RequestAborted;
        if (context.Request.ContentLength > MaxRequestBytes)
        {
            return await WriteAsync(context, "(too large)", WitnessResponse.Error(StatusCodes.Status413PayloadTooLarge, $"request body over {MaxRequestBytes} bytes"), null).ConfigureAwait(false);
        }

        byte[]? body = await ReadBodyAsync(context.Request, aborted).ConfigureAwait(false);
        if (body is null)
        {
            return await WriteAsync(context, "(too large)", WitnessResponse.Error(StatusCodes.Status413PayloadTooLarge, $"request body over {MaxRequestBytes} bytes"), null).ConfigureAwait(false);
        }

        WitnessResponse response;
        Exception? failure = null;
        try
        {
            response = await witness.AddCheckpointAsync(body, aborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            failure = e;
            response = WitnessResponse.Error(StatusCodes.Status500InternalServerError, "witness state unavailable");
        }

        return await WriteAsync(context, Describe(body), response, failure).ConfigureAwait(false);
    }

    // Null when the body outgrows the limit: Kestrel enforces MaxRequestBodySize on chunked
    // bodies with a 413 BadHttpRequestException; hosts without that limit are cut off here.
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxRequestBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private static async Task<WitnessExchange> WriteAsync(HttpContext context, string request, WitnessResponse response, Exception? failure)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        return new WitnessExchange(request, response, failure);
    }

    // For the request log only: origin and size as claimed, never trusted for anything else.
    private static string Describe(byte[] body)
    {
        try
        {
            AddCheckpointRequest request = AddCheckpointRequest.Parse(body);
            Checkpoint claimed = Checkpoint.Parse(Note.Parse(request.Checkpoint).Text);
            return string.Create(CultureInfo.InvariantCulture, $"'{claimed.Origin}' old {request.OldSize} size {claimed.Size}");
        }
        catch (FormatException)
        {
            // The witness answered 400 with the reason; the log line says so.
            return "(malformed)";
        }
    }
}
