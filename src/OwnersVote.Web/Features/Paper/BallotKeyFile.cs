using OwnersVote.Paper;
using OwnersVote.Web.Ledger;

namespace OwnersVote.Web.Features.Paper;

/// <summary>
/// The per-vote paper ballot key (<see cref="BallotKey"/>, the QR codes' MAC key; DESIGN.md §2
/// "Paper ballots") in <c>DATA/paper/&lt;vote&gt;.key</c>: one line of lowercase hex, created on
/// first use with mode 0600 and reused afterwards. DATA is the folder holding the log directory,
/// so <c>ov paper print --data DATA</c> and the server share one key per vote. The key is a secret
/// of the officers' server and never goes into the log: anyone holding it could make sheets.
/// </summary>
public static class BallotKeyFile
{
    /// <summary>The key file of <paramref name="vote"/> under the data folder <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The vote id cannot name a file.</exception>
    public static string PathFor(string data, string vote)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(vote);
        // The vote id names a file: keep it to one safe path segment.
        if (vote.Length == 0 || vote[0] == '.' || vote.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ArgumentException($"vote id '{vote}' cannot name a key file (letters, digits, '-', '_', '.')", nameof(vote));
        }

        return Path.Combine(data, "paper", vote + ".key");
    }

    /// <summary>The key in <paramref name="path"/>, made (32 random bytes) if the file does not exist yet.</summary>
    /// <exception cref="InvalidDataException">The file holds no ballot key.</exception>
    public static async Task<BallotKey> ReadOrCreateAsync(string path, CancellationToken cancellationToken)
    {
        string hex = await SecretFile.ReadOrCreateLineAsync(path, () => BallotKey.Generate().ToHex(), cancellationToken);
        try
        {
            return BallotKey.ParseHex(hex);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{path}: not a ballot key ({e.Message})", e);
        }
    }
}
