using BenchmarkDotNet.Running;
using OwnersVote.Benchmarks;

// dotnet run -c Release --project bench/OwnersVote.Benchmarks -- --filter '*'
// taskset -c 0 dotnet bench/OwnersVote.Benchmarks/bin/Release/net10.0/OwnersVote.Benchmarks.dll appender --seconds 10 --writers 1024
// dotnet bench/OwnersVote.Benchmarks/bin/Release/net10.0/OwnersVote.Benchmarks.dll verify --rounds 5
// dotnet bench/OwnersVote.Benchmarks/bin/Release/net10.0/OwnersVote.Benchmarks.dll paper --sheets 3200
// dotnet run -c Release --project bench/OwnersVote.Benchmarks -- biglog --entries 1000000 --ballots 200000 --out DIR
// dotnet run -c Release --project bench/OwnersVote.Benchmarks -- biglog --entries 1000000 --ballots 800000 --votes 8 --out DIR
// See docs/benchmarks.md.
if (args is ["appender", ..])
{
    return await AppenderLoad.RunAsync(args);
}

if (args is ["biglog", ..])
{
    return await BigLogVerification.RunAsync(args);
}

if (args is ["verify", ..])
{
    return await VerificationPairs.RunAsync(args);
}

if (args is ["paper", ..])
{
    return await PaperAccuracy.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(PaperAccuracy).Assembly).Run(args);
return 0;
