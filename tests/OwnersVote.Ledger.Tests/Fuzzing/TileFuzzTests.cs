using System.Text;

namespace OwnersVote.Ledger.Tests.Fuzzing;

/// <summary>
/// Mutated tile paths, entry bundles and tile stores (c2sp.org/tlog-tiles): parsing never throws
/// anything but FormatException, and a log with one mutated file fails verification with
/// LogVerificationException unless the mutation left the entries and hashes unchanged.
/// </summary>
public sealed class TileFuzzTests
{
    private static readonly string[] s_pathTokens = ["tile/", "entries", "/x", ".p/", "/000", "x000", "/", ".p", "255", "256", "7", "8"];

    [Fact]
    public async Task A_mutated_tile_path_parses_only_in_its_canonical_spelling()
    {
        List<byte[]> seeds =
        [
            .. new[] { "tile/0/000", "tile/entries/x001/x234/067.p/8", "tile/3/x123/456", "tile/7/000.p/1", "tile/entries/255.p/255", "tile/1/x999/x999/x999/999" }.Select(Encoding.ASCII.GetBytes),
            .. new[] { TilePath.ForHashes(0, long.MaxValue >> 8), TilePath.ForEntries(long.MaxValue >> 8, 3), TilePath.ForHashes(6, 127, 200) }.Select(p => Encoding.ASCII.GetBytes(p.ToString())),
        ];
        FuzzReport report = await Fuzzer.RunAsync("TilePath.TryParse", new Mutator(seeds, s_pathTokens), seeds, input =>
        {
            string path = Encoding.UTF8.GetString(input);
            if (!TilePath.TryParse(path, out TilePath tile))
            {
                Assert.Throws<FormatException>(() => TilePath.Parse(path));
                return "rejected";
            }

            Assert.Equal(path, tile.ToString());
            Assert.Equal(tile, TilePath.Parse(path));
            Assert.InRange(tile.Width, 1, TilePath.FullWidth);
            Assert.InRange(tile.Level, 0, TilePath.MaxLevel);
            Assert.True(tile.Index >= 0 && tile.StartIndex >= 0, path);
            return "parsed";
        });

        report.AssertReached(r => r.Count("parsed") >= seeds.Count && r.Count("rejected") > 0);
    }

    [Fact]
    public async Task A_mutated_entry_bundle_is_a_format_error_or_decodes_to_entries_that_reencode_to_it()
    {
        byte[][] bundles =
        [
            EntryBundle.Encode([.. Enumerable.Range(0, 5).Select(i => (ReadOnlyMemory<byte>)TreeFixture.Entry(i))]),
            EntryBundle.Encode([.. Enumerable.Range(0, 256).Select(i => (ReadOnlyMemory<byte>)TreeFixture.Entry(i))]),
            EntryBundle.Encode([ReadOnlyMemory<byte>.Empty, new byte[300], "景城"u8.ToArray()]),
            EntryBundle.Encode([]),
        ];
        int[] counts = [5, 256, 3, 0];
        FuzzReport report = await Fuzzer.RunAsync(
            "EntryBundle.Decode",
            (random, index) =>
            {
                int seed = (int)(index % bundles.Length);
                if (index < bundles.Length)
                {
                    return (Bundle: bundles[seed], Count: counts[seed]);
                }

                // The bundle, its declared count, or both are mutated.
                int count = random.Next(4) switch { 0 => random.Next(-2, 300), 1 => counts[seed] + random.Next(-2, 3), _ => counts[seed] };
                byte[] bundle = random.Next(5) == 0 ? bundles[seed] : new Mutator(bundles).Mutate(random, bundles[seed]);
                return (Bundle: bundle, Count: count);
            },
            c => $"count {c.Count}, bundle {Fuzzer.Describe(c.Bundle)}",
            (c, _) =>
            {
                try
                {
                    ReadOnlyMemory<byte>[] entries = EntryBundle.Decode(c.Bundle, c.Count);
                    Assert.Equal(c.Count, entries.Length);
                    Assert.Equal(c.Bundle, EntryBundle.Encode(entries));
                    return ValueTask.FromResult("decoded");
                }
                catch (FormatException)
                {
                    return ValueTask.FromResult("format error");
                }
                catch (ArgumentOutOfRangeException) when (c.Count < 0)
                {
                    // The documented precondition: a negative count is the caller's bug.
                    return ValueTask.FromResult("negative count");
                }
            });

        report.AssertReached(r => r.Count("decoded") >= bundles.Length && r.Count("format error") > 0);
    }

    [Fact]
    public async Task A_log_with_one_mutated_tile_or_bundle_fails_verification_or_yields_the_same_entries()
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        // Sizes with partial and full bundles, a full level-0 tile and partial level-1 tiles.
        long[] sizes = [1, 5, 256, 300, 513];
        var logs = new List<(long Size, Hash Root, Dictionary<string, byte[]> Files, HashSet<string> Read, byte[][] Entries)>();
        foreach (long size in sizes)
        {
            byte[][] entries = [.. Enumerable.Range(0, (int)size).Select(i => TreeFixture.Entry(i))];
            var store = new MemoryTileStore();
            var builder = new TileBuilder();
            foreach (byte[] entry in entries)
            {
                builder.Append(entry);
                if (builder.TreeSize % 97 == 0)
                {
                    // Leave superseded partial tiles behind, as a live log does.
                    await builder.WriteChangedTilesAsync(store, cancellationToken);
                }
            }

            await builder.WriteChangedTilesAsync(store, cancellationToken);

            // Written once at the end, a log holds exactly the files a verifier of this size reads.
            var final = new MemoryTileStore();
            var once = new TileBuilder();
            Array.ForEach(entries, e => once.Append(e));
            await once.WriteChangedTilesAsync(final, cancellationToken);

            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (string path in store.Paths.Order(StringComparer.Ordinal))
            {
                files[path] = (await store.ReadAsync(path, cancellationToken))!;
            }

            logs.Add((size, builder.Root, files, new HashSet<string>(final.Paths, StringComparer.Ordinal), entries));
        }

        FuzzReport report = await Fuzzer.RunAsync(
            "TileLogVerifier.VerifyAsync",
            (random, index) =>
            {
                var log = logs[random.Next(logs.Count)];
                // Mostly a file the verifier reads; sometimes a superseded partial tile.
                string[] paths = random.Next(4) == 0 ? [.. log.Files.Keys] : [.. log.Read.Order(StringComparer.Ordinal)];
                string path = paths[random.Next(paths.Length)];
                byte[]? content = random.Next(10) switch
                {
                    0 => null,
                    _ => new Mutator([.. log.Files.Values]).Mutate(random, log.Files[path]),
                };
                return (Log: log, Path: path, Content: content);
            },
            c => $"log of {c.Log.Size}, {c.Path} {(c.Content is null ? "deleted" : "replaced by " + Fuzzer.Describe(c.Content))}",
            async (c, ct) =>
            {
                var store = new MemoryTileStore();
                foreach ((string path, byte[] content) in c.Log.Files)
                {
                    if (path != c.Path)
                    {
                        await store.WriteAsync(path, content, ct);
                    }
                    else if (c.Content is not null)
                    {
                        await store.WriteAsync(path, c.Content, ct);
                    }
                }

                try
                {
                    IReadOnlyList<byte[]> entries = await TileLogVerifier.VerifyAsync(store, c.Log.Size, c.Log.Root, ct);
                    Assert.Equal(c.Log.Entries.Length, entries.Count);
                    for (int i = 0; i < entries.Count; i++)
                    {
                        Assert.True(entries[i].AsSpan().SequenceEqual(c.Log.Entries[i]), $"entry {i} differs");
                    }

                    if (c.Content is not null && c.Content.AsSpan().SequenceEqual(c.Log.Files[c.Path]))
                    {
                        return "unchanged";
                    }

                    Assert.False(c.Log.Read.Contains(c.Path), $"{c.Path} was changed, yet the log verified");
                    return "superseded tile changed";
                }
                catch (LogVerificationException)
                {
                    return "rejected";
                }
            },
            FuzzBudget.For("TileLogVerifier.VerifyAsync", defaultCases: 5_000));

        report.AssertReached(r => r.Count("rejected") > r.Cases / 2);
    }
}
