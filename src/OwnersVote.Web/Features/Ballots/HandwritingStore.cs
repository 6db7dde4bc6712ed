using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.Ballots;

/// <summary>
/// Handwritten signature images (issue 11), content-addressed: <c>handwriting/&lt;sha256 hex&gt;.png</c>
/// beside the log directory. The log keeps only the hash, inside the signed ballot, so the entry
/// stays small (c2sp.org/tlog-tiles entries are at most 65535 bytes) and a swapped file no longer
/// hashes to what the owner signed — <c>ov verify</c> fetches <c>/handwriting/&lt;hash&gt;.png</c> and checks.
/// </summary>
public sealed class HandwritingStore
{
    /// <summary>The largest image accepted, in bytes (a 600×200 stroke drawing is a few kilobytes).</summary>
    public const int MaxBytes = 64 * 1024;

    private readonly string _directory;

    /// <summary>Stores beside <c>Log:Directory</c>.</summary>
    public HandwritingStore(IOptions<LogOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        string log = Path.GetFullPath(options.Value.Directory, environment.ContentRootPath);
        _directory = Path.Combine(Path.GetDirectoryName(log) ?? log, "handwriting");
    }

    /// <summary>The folder the images are in.</summary>
    public string Directory => _directory;

    /// <summary>Whether <paramref name="png"/> is a PNG of acceptable size (PNG signature, ISO/IEC 15948 §5.2).</summary>
    public static bool IsPng(ReadOnlySpan<byte> png) =>
        png.Length is > 8 and <= MaxBytes && png[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

    /// <summary>Writes the image under its hash (idempotent) and returns the hash, lowercase hex.</summary>
    public async Task<string> PutAsync(byte[] png, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(png);
        string hash = Convert.ToHexStringLower(SHA256.HashData(png));
        string path = PathOf(hash);
        if (!File.Exists(path))
        {
            System.IO.Directory.CreateDirectory(_directory);
            string temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temporary, png, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }

        return hash;
    }

    /// <summary>The stored bytes for <paramref name="hash"/>, or null.</summary>
    public async Task<byte[]?> GetAsync(string hash, CancellationToken cancellationToken)
    {
        if (!Voting.Events.OwnerKey.IsHash(hash))
        {
            return null;
        }

        string path = PathOf(hash);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    /// <summary>The file of an image.</summary>
    public string PathOf(string hash) => Path.Combine(_directory, hash + ".png");
}
