namespace OwnersVote.LoadTest;

/// <summary>
/// <c>load</c> and <c>crash</c> (docs/benchmarks.md):
/// <c>dotnet run -c Release --project bench/OwnersVote.LoadTest -- load --owners 1000 --concurrency 64</c>,
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
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: load [--owners 1000] [--ballots-per-owner 1] [--concurrency 64] [--warmup 10] [--seconds 60] [--provider Sqlite|Postgres --connection STR] [--data DIR]\n       crash [--owners 250] [--kills 20] [--concurrency 64] [--data DIR]\n       cluster --provider Postgres --connection STR [--nodes 3] [--owners 300] [--concurrency 32] [--seconds 30] [--kill-leader no|yes] [--data DIR]");
        return 2;
    }
}
