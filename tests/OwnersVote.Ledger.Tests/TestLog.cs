using System.Text;

namespace OwnersVote.Ledger.Tests;

/// <summary>
/// A small real log for witness and receipt tests: a signing key and 64 entries; a fork shares
/// the key and the first entries, then diverges.
/// </summary>
internal sealed class TestLog : IDisposable
{
    public const string DefaultOrigin = "ownersvote.example/log";

    private TestLog(string origin, NoteSigner key, IReadOnlyList<byte[]> entries)
    {
        Origin = origin;
        Key = key;
        Entries = entries;
        Tree = new TreeFixture([.. entries.Select(e => Merkle.HashLeaf(e))]);
    }

    public string Origin { get; }

    public NoteSigner Key { get; }

    public IReadOnlyList<byte[]> Entries { get; }

    public TreeFixture Tree { get; }

    public NoteVerifier Verifier => Key.Verifier;

    public static TestLog Create(string origin = DefaultOrigin, byte keySeed = 7) =>
        new(origin, NoteSigner.FromSeed(origin, Enumerable.Repeat(keySeed, 32).ToArray()), Entries64("entry"));

    /// <summary>The same origin and key, equal to this log up to <paramref name="sharedSize"/> entries.</summary>
    public TestLog Fork(int sharedSize, byte keySeed = 7) =>
        new(Origin, NoteSigner.FromSeed(Origin, Enumerable.Repeat(keySeed, 32).ToArray()), [.. Entries.Take(sharedSize), .. Entries64("fork").Skip(sharedSize)]);

    public Checkpoint Checkpoint(long size) => new(Origin, size, Merkle.TreeRoot(size, Tree));

    public byte[] Signed(long size) => Checkpoint(size).Sign(Key);

    public IReadOnlyList<Hash> Prove(long from, long to) => ConsistencyProof.Create(from, to, Tree);

    public Task<IReadOnlyList<Hash>> ProveAsync(long from, long to) => Task.FromResult(Prove(from, to));

    public void Dispose() => Key.Dispose();

    private static List<byte[]> Entries64(string prefix) =>
        [.. Enumerable.Range(0, 64).Select(i => Encoding.UTF8.GetBytes($"{prefix} {i}"))];
}
