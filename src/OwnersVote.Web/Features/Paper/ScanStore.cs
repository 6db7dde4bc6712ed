using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.Paper;

/// <summary>
/// Where the paper side of the server keeps its files, beside the log directory (the data folder
/// that also holds <c>log.key</c>): the per-vote ballot keys (<see cref="BallotKeyFile"/>) and the
/// scanned pages, content-addressed like <c>Features/Documents/DocumentStore</c> —
/// <c>paper/scans/&lt;sha256&gt;.png</c>, the SHA-256 a <c>PaperBallotRecorded</c> names. Scans show
/// owners' signatures, so unlike documents they are served to officers only.
/// </summary>
public sealed class ScanStore
{
    private readonly string _data;
    private readonly string _scans;

    /// <summary>Uses the folder that holds <c>Log:Directory</c>.</summary>
    public ScanStore(IOptions<LogOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        string log = Path.GetFullPath(options.Value.Directory, environment.ContentRootPath);
        _data = Path.GetDirectoryName(log) ?? log;
        _scans = Path.Combine(_data, "paper", "scans");
    }

    /// <summary>The data folder (<c>ov paper print --data</c>).</summary>
    public string DataDirectory => _data;

    /// <summary>The ballot key file of <paramref name="vote"/>.</summary>
    public string KeyPath(string vote) => BallotKeyFile.PathFor(_data, vote);

    /// <summary>Stores a page image under its SHA-256; returns the hash and whether this call wrote the file.</summary>
    public async Task<(string Sha256, bool Created)> PutAsync(byte[] png, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(png);
        string sha = Convert.ToHexStringLower(SHA256.HashData(png));
        string path = PathOf(sha);
        if (File.Exists(path))
        {
            return (sha, false);
        }

        Directory.CreateDirectory(_scans);
        // Written aside and moved in, so a reader never sees half an image.
        string temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, png, cancellationToken);
        File.Move(temp, path, overwrite: true);
        return (sha, true);
    }

    /// <summary>Removes an image this upload wrote (an upload that failed leaves nothing behind).</summary>
    public void Delete(string sha256) => File.Delete(PathOf(sha256));

    /// <summary>The image with this SHA-256, or null if none is stored or its bytes no longer hash to it.</summary>
    public async Task<byte[]?> GetAsync(string sha256, CancellationToken cancellationToken)
    {
        if (!Voting.Events.OwnerKey.IsHash(sha256))
        {
            return null;
        }

        string path = PathOf(sha256);
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] content = await File.ReadAllBytesAsync(path, cancellationToken);
        return Convert.ToHexStringLower(SHA256.HashData(content)) == sha256 ? content : null;
    }

    private string PathOf(string sha256) => Path.Combine(_scans, sha256 + ".png");
}
