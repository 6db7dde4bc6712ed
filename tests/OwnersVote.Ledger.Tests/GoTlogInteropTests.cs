using System.Globalization;
using System.Text;

namespace OwnersVote.Ledger.Tests;

/// <summary>
/// Compares roots, proofs and tiles with golang.org/x/mod/sumdb/tlog, the implementation behind
/// Go's checksum database (tiles of height 8, paths <c>tile/8/L/N</c>), by running
/// interop/tlog/main.go. Go and x/mod come from scripts/install-test-deps.sh.
/// </summary>
public sealed class GoTlogInteropTests
{
    private const int LogSize = 70_000;
    private static readonly long[] s_checkpoints = [1, 2, 3, 255, 256, 257, 1000, 65_535, 65_536, 65_537, LogSize];

    [Fact]
    public async Task Roots_proofs_and_tiles_equal_those_of_go_sumdb_tlog()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        string work = Directory.CreateTempSubdirectory("ov-go-interop-").FullName;
        try
        {
            // Our log, checkpointed at each size, in a store; the same entries for Go.
            var store = new MemoryTileStore();
            var builder = new TileBuilder();
            var roots = new Dictionary<long, Hash>();
            foreach (long checkpoint in s_checkpoints)
            {
                while (builder.TreeSize < checkpoint)
                {
                    builder.Append(TreeFixture.Entry(builder.TreeSize));
                }

                await builder.WriteChangedTilesAsync(store, cancellationToken);
                roots[checkpoint] = builder.Root;
            }

            string entries = Path.Combine(work, "entries");
            await File.WriteAllBytesAsync(entries, EntryBundle.Encode([.. Enumerable.Range(0, LogSize).Select(i => (ReadOnlyMemory<byte>)TreeFixture.Entry(i))]), cancellationToken);

            var fixture = TreeFixture.WithEntries(LogSize);
            var random = new Random(20);
            var queries = new StringBuilder();
            foreach (long size in s_checkpoints)
            {
                queries.Append(CultureInfo.InvariantCulture, $"root {size}\ntiles {size}\n");
            }

            var inclusions = new List<(long Index, long Size)>();
            var consistencies = new List<(long Size1, long Size2)>();
            for (int i = 0; i < 300; i++)
            {
                long size = s_checkpoints[random.Next(s_checkpoints.Length)];
                inclusions.Add((random.NextInt64(size), size));
                long size2 = s_checkpoints[random.Next(s_checkpoints.Length)];
                consistencies.Add((random.NextInt64(1, size2 + 1), size2));
            }

            foreach ((long index, long size) in inclusions)
            {
                queries.Append(CultureInfo.InvariantCulture, $"inclusion {index} {size}\n");
            }

            foreach ((long size1, long size2) in consistencies)
            {
                queries.Append(CultureInfo.InvariantCulture, $"consistency {size1} {size2}\n");
            }

            string queryFile = Path.Combine(work, "queries");
            await File.WriteAllTextAsync(queryFile, queries.ToString(), cancellationToken);

            string[] answers = await RunGoAsync(work, entries, queryFile, cancellationToken);

            int rootsChecked = 0, tilesChecked = 0, inclusionChecked = 0, consistencyChecked = 0;
            foreach (string line in answers)
            {
                string[] f = line.Split(' ');
                switch (f[0])
                {
                    case "root":
                        Assert.Equal(f[2], roots[long.Parse(f[1], CultureInfo.InvariantCulture)].ToBase64());
                        rootsChecked++;
                        break;
                    case "tile":
                        // Go: tile/8/L/N[.p/W] (H = 8); c2sp.org/tlog-tiles: tile/L/N[.p/W].
                        Assert.StartsWith("tile/8/", f[1], StringComparison.Ordinal);
                        string path = string.Concat("tile/", f[1].AsSpan("tile/8/".Length));
                        Assert.Equal(path, TilePath.Parse(path).ToString());
                        Assert.Equal(f[2], Convert.ToBase64String((await store.ReadAsync(path, cancellationToken))!));
                        tilesChecked++;
                        break;
                    case "inclusion":
                        {
                            long index = long.Parse(f[1], CultureInfo.InvariantCulture);
                            long size = long.Parse(f[2], CultureInfo.InvariantCulture);
                            TileHashSource source = await TileHashSource.LoadAsync(store, size, s => InclusionProof.Create(index, size, s), cancellationToken);
                            IReadOnlyList<Hash> proof = InclusionProof.Create(index, size, source);
                            Assert.Equal(f[3], Join(proof));
                            Assert.True(InclusionProof.Verify(index, size, Merkle.HashLeaf(TreeFixture.Entry(index)), proof, roots[size]));
                            inclusionChecked++;
                            break;
                        }

                    case "consistency":
                        {
                            long size1 = long.Parse(f[1], CultureInfo.InvariantCulture);
                            long size2 = long.Parse(f[2], CultureInfo.InvariantCulture);
                            TileHashSource source = await TileHashSource.LoadAsync(store, size2, s => ConsistencyProof.Create(size1, size2, s), cancellationToken);
                            IReadOnlyList<Hash> proof = ConsistencyProof.Create(size1, size2, source);
                            Assert.Equal(f[3], Join(proof));
                            Hash root1 = Merkle.TreeRoot(size1, fixture);
                            Assert.True(ConsistencyProof.Verify(size1, size2, root1, roots[size2], proof));
                            consistencyChecked++;
                            break;
                        }

                    default:
                        Assert.Fail($"Unexpected answer from Go: {line}");
                        break;
                }
            }

            Assert.Equal(s_checkpoints.Length, rootsChecked);
            Assert.Equal(inclusions.Count, inclusionChecked);
            Assert.Equal(consistencies.Count, consistencyChecked);
            // Every hash tile a tree of 70,000 serves (273 + 1 level-0, 1 + 1 level-1, 1 level-2)
            // is among those compared.
            Assert.True(tilesChecked > 277, $"only {tilesChecked} tiles compared");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Join(IReadOnlyList<Hash> proof) => proof.Count == 0 ? "-" : string.Join(',', proof.Select(h => h.ToBase64()));

    private static async Task<string[]> RunGoAsync(string work, string entries, string queries, CancellationToken cancellationToken) =>
        (await GoProgram.RunAsync("tlog", work, [entries, queries], cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
