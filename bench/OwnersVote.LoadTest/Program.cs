namespace OwnersVote.LoadTest;

/// <summary>
/// <c>load</c>, <c>ceiling</c>, <c>crash</c> and <c>cluster</c> (docs/benchmarks.md):
/// <c>dotnet run -c Release --project bench/OwnersVote.LoadTest -- load --owners 1000 --concurrency 64</c>,
/// <c>dotnet run -c Release --project bench/OwnersVote.LoadTest -- load --owners 1000 --rate 1000 --concurrency 256</c>,
/// <c>dotnet run -c Release --project bench/OwnersVote.LoadTest -- ceiling --concurrency 64 [--rate 10000]</c>,
/// <c>dotnet run -c Release --project bench/OwnersVote.LoadTest -- crash --kills 20</c>,
/// <c>dotnet run -c Release --project bench/OwnersVote.LoadTest -- cluster --provider Postgres --connection STR --nodes 3</c>.
/// </summary>
internal static class LoadTestProgram
{
    public static async Task<int> Main(string[] args) => args switch
    {
        ["load", ..] => await LoadRun.RunAsync(args[1..]),
        ["crash", ..] => await CrashRun.RunAsync(args[1..]),
        ["cluster", ..] => await ClusterRun.RunAsync(args[1..]),
        ["ceiling", ..] => await CeilingRun.RunAsync(args[1..]),
        ["ceiling-server", ..] => await CeilingServer.RunAsync(args[1..]),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: load [--owners 1000] [--compound-size 250] [--ballots-per-owner 1] [--concurrency 64] [--rate N] [--warmup 10] [--seconds 60] [--provider Sqlite|Postgres --connection STR] [--data DIR]\n       ceiling [--owners 1000] [--ballots-per-owner N] [--concurrency 64] [--rate N] [--warmup 5] [--seconds 20]\n       crash [--owners 250] [--kills 20] [--concurrency 64] [--data DIR]\n       cluster --provider Postgres --connection STR [--nodes 3] [--owners 300] [--concurrency 32] [--seconds 30] [--kill-leader no|yes] [--data DIR]");
        return 2;
    }
}
