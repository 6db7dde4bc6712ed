using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using OwnersVote.Voting.Signing;

namespace OwnersVote.LoadTest;

/// <summary>
/// <c>ceiling</c>: the bound the issue's 10,000 ballots/s must be compared with on this machine.
/// The load generator of <c>load</c>, unchanged — the same owners' HTTP clients (one connection pool
/// and loopback address each), the same pre-signed submissions with genuine ES256 assertions from
/// <see cref="SoftwareAuthenticator"/>, the same closed or open loop and report — against
/// <see cref="CeilingServer"/>, which does per ballot only what any ballot server must (parse,
/// decode, verify the assertion against its challenge) and nothing of what ours adds (a log,
/// fsync, tables, cookies, witnesses, receipts). Each owner's passkey is made here and handed to
/// the bare server before the clock: it has no enrolment.
/// </summary>
internal static class CeilingRun
{
    /// <summary>
    /// Without <c>--rate</c> and <c>--ballots-per-owner</c>, ballots are signed for this rate
    /// through the warm-up and the window: above what the bare server reaches here.
    /// </summary>
    private const int ClosedLoopSupplyRate = 15_000;

    public static async Task<int> RunAsync(string[] args)
    {
        if (Settings.Parse(args, owners: 1000, seconds: 20, warmup: 5) is not Settings settings)
        {
            return 2;
        }

        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(settings.Seconds + 900));
        string folder = Directory.CreateTempSubdirectory("ov-ceiling-").FullName;
        Console.WriteLine($"date {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"ceiling: the bare ballot server, {settings.Owners} owners, {(settings.Rate is int r ? $"{r} ballots/s offered (open loop), at most {settings.Concurrency} in flight" : $"{settings.Concurrency} concurrent clients")}");
        (double oneCore, double allCores) = LoadRun.EcdsaVerificationsPerSecond();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bound: {oneCore:N0} ECDSA P-256 verifications/s on one core, {allCores:N0}/s on {Environment.ProcessorCount}"));

        using var server = ServerProcess.Ceiling(folder, ServerProcess.FreePort());
        await server.StartAsync(TimeSpan.FromMinutes(1), budget.Token);
        Console.WriteLine($"ceiling server process {server.ProcessId}");
        // Each owner from its own loopback address, as in load (LoadRun.EnrolAsync).
        List<OwnerClient> owners = [.. Enumerable.Range(0, settings.Owners).Select(i =>
            new OwnerClient(server.BaseUrl, CeilingServer.Vote, code: "", new IPAddress([127, 1, (byte)(i / 4 / 250), (byte)((i / 4 % 250) + 1)])))];
        try
        {
            CeilingCredential[] credentials = [.. owners.Select(o => o.CreateLocalPasskey(CeilingServer.RpId)).Select(k => new CeilingCredential(Base64UrlText.Encode(k.CredentialId.Span), Base64UrlText.Encode(k.PublicKey)))];
            using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
            using (HttpResponseMessage registered = await http.PostAsJsonAsync(new Uri("/ceiling/credentials", UriKind.Relative), credentials, budget.Token))
            {
                registered.EnsureSuccessStatusCode();
            }

            Console.WriteLine($"{owners.Count} passkeys made here and handed to the bare server (untimed)");
            int perOwner = settings.BallotsPerOwnerFor(settings.Rate ?? ClosedLoopSupplyRate);
            TimedResult result = await TimedCasting.RunAsync(server, owners, settings, perOwner, oneCore, allCores, "the verified answer", budget.Token);

            // Every answer names its own ballot: the bare server numbers the assertions that verified.
            CeilingCounts counts = await http.GetFromJsonAsync<CeilingCounts>(new Uri("/ceiling/counts", UriKind.Relative), budget.Token)
                ?? throw new InvalidOperationException("/ceiling/counts answered null");
            List<CastOutcome> all = [.. result.Accepted, .. result.WarmAccepted];
            int distinct = all.Select(o => o.Index).Distinct().Count();
            Console.WriteLine($"answers: {all.Count} accepted (warm-up included), {distinct} distinct indexes; the server verified {counts.Verified} assertions and refused {counts.Refused}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ceiling: {result.BallotsPerSecond:0} ballots/s at p99 {result.P99:0.0} ms"));
            return result.Refused == 0 && counts.Refused == 0 && distinct == all.Count && counts.Verified >= all.Count && result.Accepted.Count > 0 ? 0 : 1;
        }
        finally
        {
            owners.ForEach(o => o.Dispose());
            server.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }
}
