using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using OwnersVote.Ledger;
using OwnersVote.Voting.Events;
using OwnersVote.Voting.Signing;

namespace OwnersVote.Benchmarks;

/// <summary>
/// <c>biglog --entries 1000000 --ballots 200000 [--votes 1] --out DIR</c>: writes a real log
/// directory of genuine events (<see cref="BigLog"/>; with <c>--votes N</c> each compound votes N
/// times, every owner in each, so the log is ballot-heavy) with a signed checkpoint, unless
/// <c>DIR/log</c> already holds one; then measures, in the same run, the bound — every ballot's raw ECDSA P-256
/// verification with its key imported beforehand, plus SHA-256 of every leaf and of every interior
/// node (RFC 9162 §2.1.1) — and times <c>ov verify DIR/log --key DIR/log.vkey</c> as a child
/// process, recount included. Target: ov verify ≤ 2 × the bound.
/// </summary>
internal static class BigLogVerification
{
    private const string Origin = "bench.ownersvote.example/biglog";
    private const int ImportChunk = 10_000;

    public static async Task<int> RunAsync(string[] args)
    {
        int entries = 1_000_000, ballots = 200_000, rounds = 1, votes = 1;
        string? output = null;
        for (int i = 1; i < args.Length; i += 2)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--entries" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int e) && e is >= 1 and <= 10_000_000:
                    entries = e;
                    break;
                case "--ballots" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int b) && b is >= 1 and <= 2_000_000:
                    ballots = b;
                    break;
                case "--votes" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v is >= 1 and <= 100:
                    votes = v;
                    break;
                case "--rounds" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int r) && r is >= 1 and <= 20:
                    rounds = r;
                    break;
                case "--out" when value is not null:
                    output = value;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"biglog: bad option '{args[i]}'\nusage: biglog [--entries 1000000] [--ballots 200000] [--votes 1] [--rounds 1] --out DIR");
                    return 2;
            }
        }

        int compounds = BigLog.Compounds(ballots, votes);
        // Each owner's passkey enrolment, each ballot, and each compound's and vote's fixed events.
        long fixedEntries = checked(ballots + (ballots / votes) + ((long)BigLog.FixedEventsPerCompound(votes) * compounds));
        if (output is null || entries < fixedEntries || ballots % votes != 0)
        {
            await Console.Error.WriteLineAsync($"biglog: give --out DIR, a number of ballots that --votes divides, and at least {fixedEntries} entries for {ballots} ballots");
            return 2;
        }

        string logDir = Path.Combine(output, "log");
        string keyFile = Path.Combine(output, "log.vkey");
        Describe();
        if (!File.Exists(Path.Combine(logDir, LogAuditor.CheckpointPath)))
        {
            await GenerateAsync(logDir, keyFile, entries, ballots, votes, compounds);
        }
        else
        {
            Console.WriteLine($"reusing the log in {logDir}");
        }

        (List<byte[]> logEntries, List<RawSignature> signatures) = await ReadAsync(logDir, keyFile);
        Console.WriteLine($"log: {logEntries.Count:N0} entries, {logEntries.Sum(e => (long)e.Length):N0} bytes, {signatures.Count:N0} ballots");

        string ov = Path.Combine(AppContext.BaseDirectory, "ov.dll");
        var rows = new List<(double Signatures, double SignaturesAllCores, double Hashing, double Verify)>();
        for (int round = 1; round <= rounds; round++)
        {
            double signatureSeconds = VerifySignatures(signatures, parallel: false);
            double signatureAllCores = VerifySignatures(signatures, parallel: true);
            double hashingSeconds = Hash(logEntries);
            double verifySeconds = RunOv(ov, logDir, keyFile);
            rows.Add((signatureSeconds, signatureAllCores, hashingSeconds, verifySeconds));
            double bound = signatureSeconds + hashingSeconds;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"round {round}: signatures {signatureSeconds:0.000} s (1 core; {signatureAllCores:0.000} s on {Environment.ProcessorCount}), hashing {hashingSeconds:0.000} s, bound {bound:0.000} s; ov verify {verifySeconds:0.000} s; ratio {verifySeconds / bound:0.00} (to the all-core bound {verifySeconds / (signatureAllCores + hashingSeconds):0.00})"));
        }

        double median = rows.Select(r => r.Verify / (r.Signatures + r.Hashing)).Order().ElementAt(rows.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median ratio {median:0.00}; target ≤ 2: {(median <= 2 ? "met" : "missed")}"));
        return 0;
    }

    private static void Describe()
    {
        Console.WriteLine($"date {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load {LoadAverage()}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    private static async Task GenerateAsync(string logDir, string keyFile, int entries, int ballots, int votes, int compounds)
    {
        long start = Stopwatch.GetTimestamp();
        int fill = checked(entries - ballots - (ballots / votes) - (BigLog.FixedEventsPerCompound(votes) * compounds));
        Console.WriteLine($"generating {compounds:N0} compounds of {votes} vote(s) each: {ballots:N0} ballots, {entries:N0} entries");
        var parts = new CompoundLog[compounds];
        Parallel.For(0, compounds, c =>
        {
            int owners = Math.Min(BigLog.OwnersPerCompound, (ballots / votes) - (c * BigLog.OwnersPerCompound));
            int extra = (fill / compounds) + (c < fill % compounds ? 1 : 0);
            parts[c] = BigLog.Compound(c, owners, extra, votes);
        });
        Console.WriteLine($"events generated in {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s");

        Directory.CreateDirectory(logDir);
        var store = new FileTileStore(logDir, deferSync: true);
        var builder = new TileBuilder();
        foreach (byte[] entry in parts.SelectMany(p => p.Entries))
        {
            builder.Append(entry);

            // Write at every 65,536 entries (full level-0 and level-1 tiles), so memory stays bounded.
            if (builder.TreeSize % 65_536 == 0)
            {
                await builder.WriteChangedTilesAsync(store, CancellationToken.None);
            }
        }

        await builder.WriteChangedTilesAsync(store, CancellationToken.None);
        using NoteSigner signer = NoteSigner.FromSeed(Origin, RandomNumberGenerator.GetBytes(32));
        await store.WriteAsync(LogAuditor.CheckpointPath, new Checkpoint(Origin, builder.TreeSize, builder.Root).Sign(signer), CancellationToken.None);
        await store.FlushAsync(CancellationToken.None);
        await File.WriteAllTextAsync(keyFile, signer.VerifierKey + "\n");
        Console.WriteLine($"log of {builder.TreeSize:N0} entries written in {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s");
    }

    // The bound's inputs, taken from the log itself (untimed): every entry, and per BallotCast
    // the signed bytes, the signature and the enrolled key.
    private static async Task<(List<byte[]> Entries, List<RawSignature> Signatures)> ReadAsync(string logDir, string keyFile)
    {
        INoteVerifier verifier = NoteVerifier.Parse((await File.ReadAllTextAsync(keyFile)).Trim());
        var entries = new List<byte[]>();
        await LogAuditor.AuditAsync(new FileTileStore(logDir), verifier, [], 0, (_, e) => entries.Add(e.ToArray()), CancellationToken.None);
        var events = new LedgerEvent[entries.Count];
        Parallel.For(0, entries.Count, i => events[i] = EventCodec.Decode(entries[i]));
        var keys = new Dictionary<string, CoseKey>(StringComparer.Ordinal);
        foreach (CredentialEnrolled c in events.OfType<CredentialEnrolled>())
        {
            keys[Base64UrlText.Encode(c.CredentialId.Span)] = c.PublicKey;
        }

        var signatures = new List<RawSignature>();
        foreach (BallotCast b in events.OfType<BallotCast>())
        {
            byte[] cose = keys[Base64UrlText.Encode(b.Assertion.CredentialId.Span)].Encoded.ToArray();
            byte[] authData = b.Assertion.AuthenticatorData.ToArray();
            byte[] signed = new byte[authData.Length + 32];
            authData.CopyTo(signed, 0);
            SHA256.HashData(b.Assertion.ClientDataJson.Span, signed.AsSpan(authData.Length));

            // The ES256 COSE_Key layout of CoseKey.EncodeEs256: x at 10, y at 45.
            signatures.Add(new RawSignature(signed, b.Assertion.Signature.ToArray(), cose[10..42], cose[45..77]));
        }

        return (entries, signatures);
    }

    // Raw ECDSA P-256 verifications: keys imported before the clock starts, chunk by chunk.
    private static double VerifySignatures(List<RawSignature> signatures, bool parallel)
    {
        TimeSpan total = TimeSpan.Zero;
        for (int from = 0; from < signatures.Count; from += ImportChunk)
        {
            List<RawSignature> chunk = signatures.GetRange(from, Math.Min(ImportChunk, signatures.Count - from));
            ECDsa[] keys = [.. chunk.Select(s => ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = s.X, Y = s.Y } }))];
            try
            {
                int failures = 0;
                long start = Stopwatch.GetTimestamp();
                if (parallel)
                {
                    Parallel.For(0, chunk.Count, i =>
                    {
                        if (!keys[i].VerifyData(chunk[i].Signed, chunk[i].Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
                        {
                            Interlocked.Increment(ref failures);
                        }
                    });
                }
                else
                {
                    for (int i = 0; i < chunk.Count; i++)
                    {
                        if (!keys[i].VerifyData(chunk[i].Signed, chunk[i].Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
                        {
                            failures++;
                        }
                    }
                }

                total += Stopwatch.GetElapsedTime(start);
                if (failures > 0)
                {
                    throw new InvalidOperationException($"{failures} ballot signatures did not verify");
                }
            }
            finally
            {
                foreach (ECDsa key in keys)
                {
                    key.Dispose();
                }
            }
        }

        return total.TotalSeconds;
    }

    // RFC 9162 §2.1.1: SHA-256(0x00 ‖ entry) per leaf, SHA-256(0x01 ‖ l ‖ r) per interior node (n − 1 of them).
    private static double Hash(List<byte[]> entries)
    {
        byte[] input = new byte[1 + entries.Max(e => e.Length)];
        Span<byte> node = stackalloc byte[65];
        Span<byte> hash = stackalloc byte[32];
        long start = Stopwatch.GetTimestamp();
        foreach (byte[] entry in entries)
        {
            entry.CopyTo(input, 1);
            SHA256.HashData(input.AsSpan(0, 1 + entry.Length), hash);
        }

        for (int i = 1; i < entries.Count; i++)
        {
            SHA256.HashData(node, hash);
            hash.CopyTo(node[1..]);
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double RunOv(string ov, string logDir, string keyFile)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { ov, "verify", logDir, "--key", keyFile })
        {
            info.ArgumentList.Add(arg);
        }

        long start = Stopwatch.GetTimestamp();
        using Process process = Process.Start(info) ?? throw new InvalidOperationException("cannot start dotnet");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string[] lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (process.ExitCode != 0 || lines.Length == 0 || !lines[^1].StartsWith("OK ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"ov verify failed ({process.ExitCode}): {string.Join('\n', lines.TakeLast(3))}\n{stderr.Result}");
        }

        int votes = lines.Count(l => l.StartsWith("vote ", StringComparison.Ordinal));
        int matching = lines.Count(l => l.EndsWith("recount matches published tally", StringComparison.Ordinal));
        Console.WriteLine($"ov verify: {lines[^1]}; {votes} votes, {matching} recounts match their published tally");
        return votes == matching ? seconds : throw new InvalidOperationException($"{votes - matching} votes did not recount to their published tally");
    }
}
