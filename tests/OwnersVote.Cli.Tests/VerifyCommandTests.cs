using System.Text;
using OwnersVote.Cli.Commands;
using OwnersVote.Ledger;
using OwnersVote.Ledger.Http;
using OwnersVote.Voting;
using OwnersVote.Voting.Events;

namespace OwnersVote.Cli.Tests;

public sealed class VerifyCommandTests : IDisposable
{
    private const string LogOrigin = "vote.example.cn/log";
    private const string LiftLine =
        "vote b57-lift-2025: 6 ballots (5 passkey, 1 device-key), 5 counted, 1 ignored (replaced-by-later 1), recount matches published tally";

    private readonly TempDirectory _temp = new();
    private readonly VoteLog _votes = new();
    private readonly NoteSigner _signer;

    public VerifyCommandTests()
    {
        NoteKeyPair pair = NoteSigner.Generate(LogOrigin);
        _signer = NoteSigner.Parse(pair.SignerKey);
    }

    private string VerifierKey => _signer.VerifierKey;

    // A roll of 20 units frozen in the roll book for a vote not announced yet, in parts.
    private static IReadOnlyList<RollFrozen> PendingRoll()
    {
        var roll = new RollFrozen(VoteLog.Compound, "b58-roof-2025", new DateTimeOffset(2025, 3, 2, 8, 0, 0, TimeSpan.Zero), "officer:wang", [.. Enumerable.Range(1, 20).Select(i => new RollEntry(
            new UnitId($"58-{i:D4}"), new BuildingId("58"), Area.FromHundredths(8_000 + i), AreaSource.Registry, OwnerKey.Hash(new byte[32], $"o{i}"), new OwnerId($"p58-{i}")))]);
        IReadOnlyList<RollFrozen> parts = roll.Split(EventCodec.Encode(roll).Length / 3);
        Assert.True(parts.Count >= 3);
        return parts;
    }

    [Fact]
    public async Task A_roll_frozen_before_its_vote_is_announced_verifies_and_an_incomplete_one_does_not()
    {
        List<byte[]> entries = [.. _votes.Entries(), .. PendingRoll().Select(EventCodec.Encode)];
        OvRun run = OvRun.Of("verify", await WriteLogAsync(entries), "--key", VerifierKey);
        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("vote b58-roof-2025: 0 ballots (0 passkey, 0 device-key), 0 counted, roll frozen, not announced yet\n", run.Stdout, StringComparison.Ordinal);

        List<byte[]> incomplete = [.. _votes.Entries(), .. PendingRoll().SkipLast(1).Select(EventCodec.Encode)];
        OvRun failed = OvRun.Of("verify", await WriteLogAsync(incomplete, "incomplete"), "--key", VerifierKey);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("vote b58-roof-2025: cannot be recounted: the log has only", failed.Stdout + failed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statement_in_parts_verifies_whole_and_a_missing_or_unbalanced_part_is_named()
    {
        // A fund statement of 60 deposits logged in 3 parts, as one larger than an entry is.
        var from = new DateOnly(2025, 1, 1);
        StatementLine[] lines = [.. Enumerable.Range(0, 60).Select(i => new StatementLine(from.AddDays(i), StatementLineKind.Deposit, 100_00 + i, $"57-{i:D4} 交存"))];
        var fund = new FundStatementPublished(VoteLog.Compound, _votes.Events[^1].At, "officer:wang", "fund-57-20250101", new BuildingId("57"), from, new DateOnly(2025, 6, 30), 0, StatementPublished.ClosingOf(0, lines), lines, []);
        IReadOnlyList<StatementPublished> parts = fund.Split(EventCodec.Encode(fund).Length / 3);
        Assert.True(parts.Count >= 3);

        OvRun run = OvRun.Of("verify", await WriteLogAsync([.. _votes.Entries(), .. parts.Select(EventCodec.Encode)]), "--key", VerifierKey);
        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);

        OvRun missing = OvRun.Of("verify", await WriteLogAsync([.. _votes.Entries(), .. parts.SkipLast(1).Select(EventCodec.Encode)], "missing"), "--key", VerifierKey);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"ov verify: statement fund-57-20250101 of compound {VoteLog.Compound}: the log has only {parts.Count - 1} of its {parts.Count} parts\n", missing.Stderr, StringComparison.Ordinal);

        // Each part still reads on its own; joined, the lines give one fen more than the closing balance.
        StatementPublished last = parts[^1];
        StatementPublished altered = last with { Lines = [last.Lines[0] with { Amount = last.Lines[0].Amount + 1 }, .. last.Lines.Skip(1)] };
        List<byte[]> entries = [.. _votes.Entries(), .. parts.SkipLast(1).Select(EventCodec.Encode), EventCodec.Encode(altered)];
        OvRun unbalanced = OvRun.Of("verify", await WriteLogAsync(entries, "unbalanced"), "--key", VerifierKey);
        Assert.Equal(1, unbalanced.ExitCode);
        Assert.Contains($"ov verify: entry {entries.Count - 1}: statement fund-57-20250101, its {parts.Count} parts joined: closing is {fund.Closing} fen but opening 0 plus the lines gives {fund.Closing + 1} fen", unbalanced.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ballot_by_a_credential_never_enrolled_is_counted_as_unenrolled_and_one_enrolled_only_later_by_its_kind()
    {
        // C's passkey is not enrolled before C's ballot: the ballot is refused either way.
        var ballot = (BallotCast)_votes.Events[_votes.BallotIndex(3)];
        CredentialEnrolled enrolment = _votes.Events.OfType<CredentialEnrolled>().Single(c => c.CredentialId.Span.SequenceEqual(ballot.Assertion.CredentialId.Span));
        _votes.Events.Remove(enrolment);

        OvRun never = OvRun.Of("verify", await WriteLogAsync(_votes.Entries(), "never"), "--key", VerifierKey);
        Assert.Equal(1, never.ExitCode);
        Assert.Contains("vote b57-lift-2025: 6 ballots (4 passkey, 1 device-key, 1 unenrolled), 4 counted, 1 rejected (unknown-credential 1)", never.Stdout, StringComparison.Ordinal);

        // Enrolled at the end of the log: still refused, and named by the kind it was enrolled as.
        _votes.Events.Add(enrolment with { At = _votes.Events[^1].At, ActiveFrom = _votes.Events[^1].At });
        OvRun later = OvRun.Of("verify", await WriteLogAsync(_votes.Entries(), "later"), "--key", VerifierKey);
        Assert.Equal(1, later.ExitCode);
        Assert.Contains("vote b57-lift-2025: 6 ballots (5 passkey, 1 device-key), 4 counted, 1 rejected (unknown-credential 1)", later.Stdout, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _signer.Dispose();
        _votes.Dispose();
        _temp.Dispose();
    }

    private async Task<string> WriteLogAsync(List<byte[]> entries, string name = "log")
    {
        string dir = Path.Combine(_temp.Path, name);
        await TestLogs.AppendAsync(dir, LogOrigin, _signer, entries, TestContext.Current.CancellationToken);
        return dir;
    }

    [Fact]
    public async Task A_genuine_log_verifies_and_every_vote_is_recounted()
    {
        List<byte[]> entries = _votes.Entries();
        string dir = await WriteLogAsync(entries);

        OvRun run = OvRun.Of("verify", dir, "--key", VerifierKey);

        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Stdout.TrimEnd('\n').Split('\n');
        Checkpoint checkpoint = Checkpoint.Open(File.ReadAllBytes(Path.Combine(dir, "checkpoint")), _signer.Verifier).Checkpoint;
        Assert.Equal(
            [
                LiftLine,
                "vote b57-door-2025: 1 ballots (1 passkey, 0 device-key), 1 counted, no tally published yet",
                $"OK {entries.Count} {checkpoint.Root.ToBase64()}",
            ],
            lines);
    }

    [Fact]
    public async Task Recorded_paper_ballots_are_recounted_and_reported_with_the_online_ones()
    {
        DateTimeOffset at = _votes.Events[^1].At;
        _votes.Events.Add(new PaperBallotIssued(VoteLog.Compound, VoteLog.OpenVote, at, "officer:wang", "p2", ["57-0201"], "SERIAL0P2A"));
        _votes.Events.Add(new PaperBallotIssued(VoteLog.Compound, VoteLog.OpenVote, at, "officer:wang", "p3", ["57-0202"], "SERIAL0P3A"));
        string scan = new('d', 64);
        _votes.Events.Add(new PaperBallotRecorded(VoteLog.Compound, VoteLog.OpenVote, at.AddHours(1), "officer:zhao", "p3", ["57-0202"], "SERIAL0P3A", [new("q1", Choice.No)], scan, ["officer:wang", "officer:zhao"], Counts: true));
        _votes.Events.Add(new PaperBallotRecorded(VoteLog.Compound, VoteLog.OpenVote, at.AddHours(2), "officer:zhao", "p2", ["57-0201"], "SERIAL0P2A", [new("q1", Choice.No)], scan, ["officer:wang", "officer:zhao"], Counts: true));
        List<byte[]> entries = _votes.Entries();
        string dir = await WriteLogAsync(entries);

        OvRun run = OvRun.Of("verify", dir, "--key", VerifierKey);

        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(
            "vote b57-door-2025: 3 ballots (1 passkey, 0 device-key, 2 paper), 2 counted, 1 ignored (superseded:online-wins-over-paper 1), no tally published yet\n",
            run.Stdout,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ballot_whose_signature_was_altered_and_relogged_is_reported_and_the_recount_no_longer_matches()
    {
        // The log operator flips one byte of owner C's signature and re-signs the whole log: the
        // log itself verifies, the ballot does not.
        List<byte[]> entries = _votes.Entries();
        int index = _votes.BallotIndex(3);
        var cast = (BallotCast)EventCodec.Decode(entries[index]);
        Assert.Equal("p3", cast.Ballot.Principal);
        byte[] signature = cast.Assertion.Signature.ToArray();
        signature[signature.Length / 2] ^= 0x01;
        entries[index] = EventCodec.Encode(cast with { Assertion = cast.Assertion with { Signature = signature } });
        string dir = await WriteLogAsync(entries);
        Assert.StartsWith("OK ", OvRun.Of("log", "verify", dir, "--key", VerifierKey).Stdout, StringComparison.Ordinal);

        OvRun run = OvRun.Of("verify", dir, "--key", VerifierKey);

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("OK ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(
            "vote b57-lift-2025: 6 ballots (5 passkey, 1 device-key), 4 counted, 1 rejected (bad-signature 1), 1 ignored (replaced-by-later 1), recount DOES NOT MATCH published tally",
            run.Stdout,
            StringComparison.Ordinal);
        Assert.Contains($"ov verify: vote b57-lift-2025: ballot at entry {index} is rejected: bad-signature", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("ov verify: vote b57-lift-2025: the published tally does not match the recount", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("ov verify: vote b57-lift-2025: question q1: yes published 455.00 m² / 4 heads, recount 370.00 m² / 3 heads", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_byte_changed_in_an_entry_bundle_without_re_signing_fails_the_audit_before_any_recount()
    {
        string dir = await WriteLogAsync(_votes.Entries());
        string bundle = Path.Combine(dir, "tile", "entries", "000.p", _votes.Events.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        byte[] bytes = File.ReadAllBytes(bundle);
        int at = bytes.AsSpan().IndexOf("\"signature\":\""u8) + 20;
        bytes[at] = (byte)(bytes[at] == (byte)'A' ? 'B' : 'A');
        File.WriteAllBytes(bundle, bytes);

        OvRun run = OvRun.Of("verify", dir, "--key", VerifierKey);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith($"ov verify: {dir}: ", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task A_published_tally_that_lies_fails_with_the_discrepancy()
    {
        List<byte[]> entries = _votes.Entries();
        int index = entries.FindIndex(e => EventCodec.Decode(e) is TallyPublished);
        QuestionTally q = _votes.Published.Questions[0];
        var lie = _votes.Published with
        {
            Questions = [q with { No = new DoubleCount(q.No.Area + Area.FromHundredths(1), q.No.Heads) }],
        };
        entries[index] = EventCodec.Encode(lie);
        string dir = await WriteLogAsync(entries);

        OvRun run = OvRun.Of("verify", dir, "--key", VerifierKey);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                "ov verify: vote b57-lift-2025: the published tally does not match the recount",
                "ov verify: vote b57-lift-2025: question q1: no published 95.01 m² / 1 heads, recount 95.00 m² / 1 heads",
                $"ov verify: FAILED: 2 discrepancy(ies) in {entries.Count} entries",
            ],
            run.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task An_entry_that_is_not_an_event_is_a_failure_naming_its_index()
    {
        List<byte[]> entries = _votes.Entries();
        entries.Insert(3, Encoding.UTF8.GetBytes("{\"type\":\"BallotCast\",\"v\":1}"));
        string dir = await WriteLogAsync(entries);

        OvRun run = OvRun.Of("verify", dir, "--key", VerifierKey);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ov verify: entry 3: not an event this software reads: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(LiftLine, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vote_that_cannot_be_replayed_names_the_log_entry()
    {
        List<byte[]> entries = _votes.Entries();

        // A second roll after ballots were cast.
        int roll = entries.FindIndex(e => EventCodec.Decode(e) is RollFrozen);
        entries.Insert(_votes.BallotIndex(1) + 1, entries[roll]);
        string dir = await WriteLogAsync(entries);

        OvRun run = OvRun.Of("verify", dir, "--key", VerifierKey);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            $"ov verify: vote b57-lift-2025: cannot be recounted: entry {_votes.BallotIndex(1) + 1}: a second RollFrozen",
            run.Stderr,
            StringComparison.Ordinal);
        Assert.Contains("vote b57-lift-2025: 6 ballots (0 passkey, 0 device-key), 0 counted, cannot be recounted", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_url_is_verified_with_the_key_it_serves_and_says_to_compare_it()
    {
        string dir = await WriteLogAsync(_votes.Entries());
        await using StaticLogServer server = await StaticLogServer.StartAsync(dir, VerifierKey, TestContext.Current.CancellationToken);

        OvRun run = await Task.Run(() => OvRun.Of("verify", server.Url.AbsoluteUri), TestContext.Current.CancellationToken);

        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal($"log key taken from the server ({server.Url}log/key): {VerifierKey}", lines[0]);
        Assert.Contains("compare it with the log key printed on the result notice", lines[1], StringComparison.Ordinal);
        Assert.Equal($"no witnesses published at {server.Url}log/witnesses", lines[2]);
        Assert.Equal(LiftLine, lines[3]);
        // A plain mirror of the log's files has no results API to compare with the recount.
        Assert.Equal($"{server.Url} serves the log only (no /api/votes): the recount was not compared with served results", lines[^2]);
        Assert.StartsWith($"OK {_votes.Events.Count} ", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_url_with_another_key_given_fails_and_one_with_the_right_key_prints_no_warning()
    {
        string dir = await WriteLogAsync(_votes.Entries());
        await using StaticLogServer server = await StaticLogServer.StartAsync(dir, verifierKey: null, TestContext.Current.CancellationToken);
        using NoteSigner other = NoteSigner.Parse(NoteSigner.Generate(LogOrigin).SignerKey);

        OvRun wrong = await Task.Run(() => OvRun.Of("verify", server.Url.AbsoluteUri, "--key", other.VerifierKey), TestContext.Current.CancellationToken);
        OvRun missing = await Task.Run(() => OvRun.Of("verify", server.Url.AbsoluteUri), TestContext.Current.CancellationToken);
        OvRun right = await Task.Run(() => OvRun.Of("verify", server.Url.AbsoluteUri.TrimEnd('/'), "--key", VerifierKey), TestContext.Current.CancellationToken);

        Assert.Equal(1, wrong.ExitCode);
        Assert.StartsWith($"ov verify: {server.Url}: checkpoint: ", wrong.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("log/key: not found; give the log key with --key", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, right.ExitCode);
        Assert.StartsWith($"no witnesses published at {server.Url}log/witnesses\n{LiftLine}\n", right.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_witnessed_log_needs_the_witness_cosignature_when_a_witness_key_is_given()
    {
        List<byte[]> entries = _votes.Entries();
        string dir = await WriteLogAsync(entries);
        string witnessKey = Path.Combine(_temp.Path, "w.key");
        Assert.Equal(0, OvRun.Of("keygen", "--type", "cosignature", "--name", "yeweihui", "--out", witnessKey).ExitCode);
        RunningWitness witness = await WitnessCommand.StartAsync(
            ["--port", "0", "--key", witnessKey, "--state", Path.Combine(_temp.Path, "state"), "--log", $"{LogOrigin}={VerifierKey}"],
            TextWriter.Null,
            TextWriter.Null,
            TestContext.Current.CancellationToken);
        await using (witness)
        {
            string witnessVerifier = witness.Key.VerifierKey;
            OvRun unwitnessed = OvRun.Of("verify", dir, "--key", VerifierKey, "--witness-key", witnessVerifier);
            Assert.Equal(1, unwitnessed.ExitCode);
            Assert.Contains("0 witness cosignature(s), at least 1 required", unwitnessed.Stderr, StringComparison.Ordinal);

            using var transport = new HttpWitnessTransport();
            var client = new WitnessClient(transport, [new WitnessEndpoint(witness.Server.Url, witness.Key)], 1, TimeSpan.FromSeconds(20));
            WitnessedCheckpoint cosigned = await client.CosignAsync(
                File.ReadAllBytes(Path.Combine(dir, "checkpoint")), TestLogs.ProveFrom(dir, entries.Count), TestContext.Current.CancellationToken);
            File.WriteAllBytes(Path.Combine(dir, "checkpoint"), cosigned.SignedNote);

            OvRun run = OvRun.Of("verify", dir, "--key", VerifierKey, "--witness-key", witnessVerifier);

            Assert.Equal(0, run.ExitCode);
            string[] lines = run.Stdout.TrimEnd('\n').Split('\n');
            Assert.Equal($"checkpoint {entries.Count} cosigned by yeweihui", lines[0]);
            Assert.Equal(LiftLine, lines[1]);
            Assert.StartsWith("OK ", lines[^1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_server_url_is_checked_against_the_witnesses_and_quorum_the_server_publishes()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        List<byte[]> entries = _votes.Entries();
        string dir = await WriteLogAsync(entries);
        string witnessKey = Path.Combine(_temp.Path, "w.key");
        Assert.Equal(0, OvRun.Of("keygen", "--type", "cosignature", "--name", "yeweihui", "--out", witnessKey).ExitCode);
        using var other = CosignatureSigner.Parse(CosignatureSigner.Generate("juweihui").SignerKey, TimeProvider.System);
        RunningWitness witness = await WitnessCommand.StartAsync(
            ["--port", "0", "--key", witnessKey, "--state", Path.Combine(_temp.Path, "state"), "--log", $"{LogOrigin}={VerifierKey}"],
            TextWriter.Null,
            TextWriter.Null,
            token);
        await using (witness)
        await using (StaticLogServer server = await StaticLogServer.StartAsync(dir, VerifierKey, token))
        {
            // Served as /log/witnesses: "quorum <k>", then one key per line.
            string published = Path.Combine(dir, "witnesses");
            await File.WriteAllTextAsync(published, $"quorum 1\n{witness.Key.VerifierKey}\n{other.VerifierKey}\n", token);
            OvRun unwitnessed = await Task.Run(() => OvRun.Of("verify", server.Url.AbsoluteUri), token);
            Assert.Equal(1, unwitnessed.ExitCode);
            Assert.Contains("0 witness cosignature(s), at least 1 required", unwitnessed.Stderr, StringComparison.Ordinal);

            using var transport = new HttpWitnessTransport();
            var client = new WitnessClient(transport, [new WitnessEndpoint(witness.Server.Url, witness.Key)], 1, TimeSpan.FromSeconds(20));
            WitnessedCheckpoint cosigned = await client.CosignAsync(File.ReadAllBytes(Path.Combine(dir, "checkpoint")), TestLogs.ProveFrom(dir, entries.Count), token);
            File.WriteAllBytes(Path.Combine(dir, "checkpoint"), cosigned.SignedNote);

            OvRun run = await Task.Run(() => OvRun.Of("verify", server.Url.AbsoluteUri), token);

            Assert.Equal("", run.Stderr);
            Assert.Equal(0, run.ExitCode);
            string[] lines = run.Stdout.TrimEnd('\n').Split('\n');
            Assert.Equal($"witness keys taken from the server ({server.Url}log/witnesses): 1 of 2 required", lines[2]);
            Assert.Equal($"  {witness.Key.VerifierKey}", lines[3]);
            Assert.Equal($"  {other.VerifierKey}", lines[4]);
            Assert.Equal($"checkpoint {entries.Count} cosigned by yeweihui", lines[5]);
            Assert.StartsWith($"OK {entries.Count} ", lines[^1], StringComparison.Ordinal);

            // The server asks for both now: one cosignature is not enough.
            await File.WriteAllTextAsync(published, $"quorum 2\n{witness.Key.VerifierKey}\n{other.VerifierKey}\n", token);
            OvRun short1 = await Task.Run(() => OvRun.Of("verify", server.Url.AbsoluteUri), token);
            Assert.Equal(1, short1.ExitCode);
            Assert.Contains("1 witness cosignature(s), at least 2 required", short1.Stderr, StringComparison.Ordinal);

            // Keys given on the command line take precedence over the server's list.
            OvRun given = await Task.Run(() => OvRun.Of("verify", server.Url.AbsoluteUri, "--witness-key", witness.Key.VerifierKey), token);
            Assert.Equal(0, given.ExitCode);
            Assert.DoesNotContain("witness keys taken from the server", given.Stdout, StringComparison.Ordinal);

            foreach (string malformed in new[] { "quorum 3\n" + witness.Key.VerifierKey + "\n", "1\n", $"quorum 1\n{VerifierKey}\n" })
            {
                await File.WriteAllTextAsync(published, malformed, token);
                OvRun bad = await Task.Run(() => OvRun.Of("verify", server.Url.AbsoluteUri), token);
                Assert.Equal(1, bad.ExitCode);
                Assert.Contains("log/witnesses", bad.Stderr, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("verify DIR")]
    [InlineData("verify DIR DIR --key K")]
    [InlineData("verify DIR --key K --min-cosigs 1")]
    [InlineData("verify DIR --bogus x")]
    public async Task Usage_errors_exit_2_with_one_line(string commandLine)
    {
        string dir = await WriteLogAsync(_votes.Entries());
        string[] args = commandLine.Replace("DIR", dir, StringComparison.Ordinal).Replace(" K", " " + VerifierKey, StringComparison.Ordinal).Split(' ');

        string message = OvRun.Of(args).AssertOneLineBadInput();

        Assert.StartsWith("ov verify: ", message, StringComparison.Ordinal);
    }
}
