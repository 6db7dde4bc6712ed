using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/OwnersVote.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
