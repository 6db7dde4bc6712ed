using OwnersVote.Ledger;
using OwnersVote.Ledger.Sequencing;

namespace OwnersVote.Cli.Tests;

/// <summary>Writes tiled logs with the real sequencer, as the server does.</summary>
internal static class TestLogs
{
    /// <summary>Appends <paramref name="entries"/> to the log in <paramref name="dir"/> (created if new); returns its signed checkpoint.</summary>
    public static async Task<byte[]> AppendAsync(string dir, string origin, NoteSigner signer, IEnumerable<byte[]> entries, CancellationToken cancellationToken)
    {
        LogAppender appender = await LogAppender.OpenAsync(dir, origin, signer, signer.Verifier, cancellationToken: cancellationToken);
        await using (appender)
        {
            // One at a time keeps the entries in the order given.
            foreach (byte[] entry in entries)
            {
                await appender.AppendAsync(entry, cancellationToken);
            }
        }

        return appender.LatestCheckpoint;
    }

    /// <summary>RFC 9162 §2.1.4 consistency proofs from any older size to <paramref name="size"/>, read from the log's tiles.</summary>
    public static Func<long, CancellationToken, Task<IReadOnlyList<Hash>>> ProveFrom(string dir, long size) => async (oldSize, cancellationToken) =>
    {
        var store = new FileTileStore(dir);
        TileHashSource source = await TileHashSource.LoadAsync(store, size, s => ConsistencyProof.Create(oldSize, size, s), cancellationToken);
        return ConsistencyProof.Create(oldSize, size, source);
    };
}
