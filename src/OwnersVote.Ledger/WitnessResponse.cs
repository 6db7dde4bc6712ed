using System.Globalization;
using System.Text;

namespace OwnersVote.Ledger;

/// <summary>
/// The HTTP response a witness gives to <c>add-checkpoint</c> (c2sp.org/tlog-witness), for the
/// shell to write as is.
/// </summary>
/// <param name="StatusCode">200, 400, 403, 404, 409 or 422.</param>
/// <param name="ContentType">The Content-Type header value.</param>
/// <param name="Body">The response body.</param>
public sealed record WitnessResponse(int StatusCode, string ContentType, byte[] Body)
{
    /// <summary>The content type of a 409 response carrying the witness's tree size.</summary>
    public const string TreeSizeContentType = "text/x.tlog.size";

    /// <summary>The content type of cosignature lines and of error messages.</summary>
    public const string TextContentType = "text/plain; charset=utf-8";

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>200 with the cosignature lines.</summary>
    public static WitnessResponse Cosigned(IEnumerable<NoteSignature> cosignatures) =>
        new(200, TextContentType, Encoding.UTF8.GetBytes(string.Concat(cosignatures.Select(c => c.Line))));

    /// <summary>
    /// 409 for an old size that does not match: "The response body MUST consist of the tree size
    /// of the latest cosigned checkpoint in decimal, followed by a newline (U+000A). The response
    /// MUST have a Content-Type of text/x.tlog.size."
    /// </summary>
    public static WitnessResponse SizeConflict(long latestSize) =>
        new(409, TreeSizeContentType, Encoding.ASCII.GetBytes(latestSize.ToString(CultureInfo.InvariantCulture) + "\n"));

    /// <summary>An error status with a one-line explanation.</summary>
    public static WitnessResponse Error(int statusCode, string message) =>
        new(statusCode, TextContentType, Encoding.UTF8.GetBytes(message + "\n"));

    /// <summary>For a 409 with <see cref="TreeSizeContentType"/>, the witness's latest size; otherwise null.</summary>
    public long? ConflictSize()
    {
        if (StatusCode != 409 || ContentType != TreeSizeContentType || Body.Length < 2 || Body[^1] != (byte)'\n')
        {
            return null;
        }

        try
        {
            return Checkpoint.ParseSize(Encoding.ASCII.GetString(Body, 0, Body.Length - 1), "witness tree size");
        }
        catch (MalformedCheckpointException)
        {
            return null;
        }
    }
}
