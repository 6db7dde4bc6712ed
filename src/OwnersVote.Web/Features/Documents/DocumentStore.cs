using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace OwnersVote.Web.Features.Documents;

/// <summary>Where attached documents are kept (<c>Documents:Directory</c>).</summary>
public sealed class DocumentOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Documents";

    /// <summary>The folder of documents, one file per SHA-256 (lowercase hex) of its content.</summary>
    public string Directory { get; set; } = "data/documents";
}

/// <summary>
/// Documents attached to matters (quotations, reports), content-addressed: a file is stored under
/// the SHA-256 of its bytes, the hash that <c>MatterPublished</c> pins in the log, so the log proves
/// which document owners were shown and a changed file is refused when read.
/// </summary>
public sealed class DocumentStore(IOptions<DocumentOptions> options, IHostEnvironment environment)
{
    private string Folder => Path.GetFullPath(options.Value.Directory, environment.ContentRootPath);

    /// <summary>Stores a document (if not stored yet) and returns its SHA-256, lowercase hex.</summary>
    public async Task<string> PutAsync(byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        string sha = Convert.ToHexStringLower(SHA256.HashData(content));
        string path = Path.Combine(Folder, sha);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Folder);
            // Written aside and moved in, so a reader never sees half a document.
            string temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
            await File.WriteAllBytesAsync(temp, content, cancellationToken);
            File.Move(temp, path, overwrite: true);
        }

        return sha;
    }

    /// <summary>
    /// The document with this SHA-256, or null if none is stored or the stored bytes no longer
    /// hash to it (a changed file is never served as the pinned one).
    /// </summary>
    public async Task<byte[]?> GetAsync(string sha256, CancellationToken cancellationToken)
    {
        if (sha256 is not { Length: 64 } || !sha256.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        string path = Path.Combine(Folder, sha256);
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] content = await File.ReadAllBytesAsync(path, cancellationToken);
        return Convert.ToHexStringLower(SHA256.HashData(content)) == sha256 ? content : null;
    }
}
