using OwnersVote.LoadTest;

// dotnet run -c Release --project bench/OwnersVote.LoadTest -- load --owners 1000 --concurrency 64
// dotnet run -c Release --project bench/OwnersVote.LoadTest -- crash --kills 20
// See docs/benchmarks.md.
return args switch
{
    ["load", ..] => await LoadRun.RunAsync(args[1..]),
    ["crash", ..] => await CrashRun.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: load [--owners 1000] [--concurrency 64] [--seconds 60] [--provider Sqlite|Postgres --connection STR] [--data DIR]\n       crash [--owners 250] [--kills 20] [--data DIR]");
    return 2;
}
