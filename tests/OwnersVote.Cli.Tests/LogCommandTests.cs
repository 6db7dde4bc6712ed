using System.Text;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Sequencing;

namespace OwnersVote.Cli.Tests;

public sealed class LogCommandTests : IDisposable
{
    private const string Origin = "example.test/log";
    private readonly TempDirectory _temp = new();
    private readonly string _keyFile;
    private readonly string _verifierKey;
    private readonly string _log;

    public LogCommandTests()
    {
        _keyFile = Path.Combine(_temp.Path, "log.key");
        _verifierKey = OvRun.Of("keygen", "--name", Origin, "--out", _keyFile).Stdout.Trim();
        _log = Path.Combine(_temp.Path, "log");
    }

    public void Dispose() => _temp.Dispose();

    private OvRun Append(string lines, string? dir = null) =>
        OvRun.WithStdin(Encoding.UTF8.GetBytes(lines), "log", "append", "--dir", dir ?? _log, "--key", _keyFile, "--origin", Origin);

    private OvRun Verify(string? dir = null, params string[] extra) =>
        OvRun.Of(["log", "verify", dir ?? _log, "--key", _verifierKey, .. extra]);

    private static string Lines(int from, int count) =>
        string.Concat(Enumerable.Range(from, count).Select(i => $"{{\"type\":\"Test\",\"n\":{i}}}\n"));

    [Fact]
    public void Appended_lines_verify_and_the_printed_checkpoint_is_the_stored_one()
    {
        OvRun appended = Append(Lines(0, 300));
        Assert.Equal(0, appended.ExitCode);
        string[] checkpoint = appended.Stdout.Split('\n');
        Assert.Equal(Origin, checkpoint[0]);
        Assert.Equal("300", checkpoint[1]);
        Assert.Equal(appended.Stdout, File.ReadAllText(Path.Combine(_log, "checkpoint")));

        OvRun verified = Verify();
        Assert.Equal(0, verified.ExitCode);
        Assert.Equal($"OK 300 {checkpoint[2]}\n", verified.Stdout);
    }

    [Fact]
    public async Task Each_line_is_one_entry_without_its_newline_and_a_last_line_needs_none()
    {
        Assert.Equal(0, Append("first\n\nthird").ExitCode);
        Checkpoint checkpoint = Checkpoint.Open(File.ReadAllBytes(Path.Combine(_log, "checkpoint")), NoteVerifier.Parse(_verifierKey)).Checkpoint;
        IReadOnlyList<byte[]> entries = await TileLogVerifier.VerifyAsync(new FileTileStore(_log), 3, checkpoint.Root, TestContext.Current.CancellationToken);
        Assert.Equal(["first", "", "third"], entries.Select(e => Encoding.UTF8.GetString(e)));
    }

    [Fact]
    public void Later_appends_extend_the_same_log()
    {
        Assert.Equal(0, Append(Lines(0, 100)).ExitCode);
        Assert.Equal(0, Append(Lines(100, 200)).ExitCode);
        Assert.Equal(0, Append(Lines(300, 1)).ExitCode);
        Assert.StartsWith("OK 301 ", Verify().Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_single_byte_change_anywhere_in_the_log_directory_fails_verification_with_a_reason()
    {
        // Two appends leave partial tiles of an earlier size beside the current ones.
        Assert.Equal(0, Append(Lines(0, 270)).ExitCode);
        Assert.Equal(0, Append(Lines(270, 300)).ExitCode);
        Assert.Equal(0, Verify().ExitCode);
        var random = new Random(7);
        string[] files = Directory.GetFiles(_log, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.Contains(".p", StringComparison.Ordinal));
        Assert.Contains(files, f => Path.GetFileName(f) == LogJournal.LockFileName);
        foreach (string file in files)
        {
            byte[] original = File.ReadAllBytes(file);
            if (original.Length == 0)
            {
                // The appender's lock file (journal/appender.lock) is empty: a byte written into it is a change too.
                File.WriteAllBytes(file, [0x20]);
                OvRun grown = Verify();
                Assert.True(grown.ExitCode == 1, $"{Path.GetRelativePath(_log, file)} grown by one byte: {grown.Stdout}");
                Assert.Contains(_log, grown.Stderr, StringComparison.Ordinal);
                File.WriteAllBytes(file, original);
                continue;
            }

            var positions = new HashSet<int> { 0, original.Length - 1, original.Length / 2 };
            for (int k = 0; k < 12; k++)
            {
                positions.Add(random.Next(original.Length));
            }

            foreach (int position in positions)
            {
                byte[] altered = (byte[])original.Clone();
                altered[position] ^= (byte)(1 << random.Next(8));
                File.WriteAllBytes(file, altered);
                OvRun result = Verify();
                Assert.True(result.ExitCode == 1, $"{Path.GetRelativePath(_log, file)} byte {position}: {result.Stdout}");
                Assert.Contains(_log, result.Stderr, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
            }

            File.WriteAllBytes(file, original);
        }

        Assert.Equal(0, Verify().ExitCode);
    }

    [Fact]
    public void A_missing_truncated_or_stray_file_fails_verification()
    {
        Assert.Equal(0, Append(Lines(0, 300)).ExitCode);
        string bundle = Path.Combine(_log, "tile", "entries", "000");
        byte[] original = File.ReadAllBytes(bundle);

        File.WriteAllBytes(bundle, original[..^1]);
        Assert.Equal(1, Verify().ExitCode);

        File.Delete(bundle);
        Assert.Contains("tile/entries/000", Verify().Stderr, StringComparison.Ordinal);
        File.WriteAllBytes(bundle, original);

        File.WriteAllText(Path.Combine(_log, "tile", "notes.txt"), "hello");
        Assert.Contains("tile/notes.txt", Verify().Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wrong_log_key_fails_verification()
    {
        Assert.Equal(0, Append(Lines(0, 3)).ExitCode);
        string otherKey = OvRun.Of("keygen", "--name", Origin, "--out", Path.Combine(_temp.Path, "other.key")).Stdout.Trim();
        OvRun result = OvRun.Of("log", "verify", _log, "--key", otherKey);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("checkpoint", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Witness_cosignatures_are_counted_against_the_minimum()
    {
        Assert.Equal(0, Append(Lines(0, 5)).ExitCode);
        NoteKeyPair committee = CosignatureSigner.Generate("committee.test/witness");
        NoteKeyPair residents = CosignatureSigner.Generate("residents.test/witness");

        OvRun missing = Verify(null, "--witness-key", committee.VerifierKey);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("0 witness cosignature(s), at least 1 required", missing.Stderr, StringComparison.Ordinal);

        string path = Path.Combine(_log, "checkpoint");
        using (CosignatureSigner cosigner = CosignatureSigner.Parse(committee.SignerKey, TimeProvider.System))
        {
            File.WriteAllBytes(path, Note.AddSignatures(File.ReadAllBytes(path), cosigner));
        }

        Assert.Equal(0, Verify(null, "--witness-key", committee.VerifierKey).ExitCode);
        Assert.Equal(1, Verify(null, "--witness-key", committee.VerifierKey, "--witness-key", residents.VerifierKey).ExitCode);
        Assert.Equal(0, Verify(null, "--witness-key", committee.VerifierKey, "--witness-key", residents.VerifierKey, "--min-cosigs", "1").ExitCode);
    }

    [Fact]
    public void Bad_input_is_refused_before_anything_is_written()
    {
        byte[] invalidUtf8 = [(byte)'o', (byte)'k', (byte)'\n', 0xff, 0xfe, (byte)'\n'];
        OvRun bad = OvRun.WithStdin(invalidUtf8, "log", "append", "--dir", _log, "--key", _keyFile, "--origin", Origin);
        Assert.Equal("ov log append: line 2 is not valid UTF-8", bad.AssertOneLineBadInput());
        Assert.False(Directory.Exists(_log));

        string tooLong = new string('x', 70_000) + "\n";
        Assert.Contains("line 1 is 70000 bytes", Append(tooLong).AssertOneLineBadInput(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_log));

        Assert.Contains("missing option '--origin'", OvRun.Of("log", "append", "--dir", _log, "--key", _keyFile).AssertOneLineBadInput(), StringComparison.Ordinal);
        Assert.Contains("not a signer key", OvRun.WithStdin([], "log", "append", "--dir", _log, "--key", _temp.Write("bad.key", "nonsense"), "--origin", Origin).AssertOneLineBadInput(), StringComparison.Ordinal);
        Assert.Contains("no such directory", OvRun.Of("log", "verify", Path.Combine(_temp.Path, "nowhere"), "--key", _verifierKey).AssertOneLineBadInput(), StringComparison.Ordinal);
        Assert.Contains("'garbage' is not a verifier key", OvRun.Of("log", "verify", _temp.Path, "--key", "garbage").AssertOneLineBadInput(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_served_over_http_verifies_by_url_and_a_changed_tile_is_caught()
    {
        Assert.Equal(0, Append(Lines(0, 600)).ExitCode);
        string expected = Verify().Stdout;
        await using StaticLogServer server = await StaticLogServer.StartAsync(_log, _verifierKey, TestContext.Current.CancellationToken);
        string url = new Uri(server.Url, "log/").AbsoluteUri;

        OvRun served = OvRun.Of("log", "verify", url, "--key", _verifierKey);
        Assert.Equal(0, served.ExitCode);
        Assert.Equal(expected, served.Stdout);

        string tile = Path.Combine(_log, "tile", "0", "001");
        byte[] bytes = File.ReadAllBytes(tile);
        bytes[40] ^= 0x10;
        File.WriteAllBytes(tile, bytes);
        OvRun tampered = OvRun.Of("log", "verify", url, "--key", _verifierKey);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("tile/0/001", tampered.Stderr, StringComparison.Ordinal);
    }
}
