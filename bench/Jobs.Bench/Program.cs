using BenchmarkDotNet.Running;

// Speed and memory targets of JOBS live here, never in timed unit tests.
// Run all: dotnet run -c Release --project bench/Jobs.Bench -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Jobs.Bench.OutputCapBenchmarks).Assembly).Run(args);
