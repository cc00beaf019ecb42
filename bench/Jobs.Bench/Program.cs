using BenchmarkDotNet.Running;

// Speed and memory targets of JOBS live here, never in timed unit tests.
// Run all: dotnet run -c Release --project bench/Jobs.Bench -- --filter '*' --job short
// UI figures (export + dashboard reads on a 100,000-host job): dotnet run -c Release --project bench/Jobs.Bench -- ui
// Excel writer comparison, ClosedXML vs the streaming OpenXmlWriter (ADR 0006): dotnet run -c Release --project bench/Jobs.Bench -- xlsx
// NetBox sync of 100,000 devices (issue 15): dotnet run -c Release --project bench/Jobs.Bench -- netbox [devices]
// Engine throughput on a fresh database (issue 12): dotnet run -c Release --project bench/Jobs.Bench -- engine sim 100000 10000 [--postgres "<cs>"]
if (args.Length > 0 && args[0] == "engine")
    return await Jobs.Bench.EngineThroughput.RunAsync(args);
// Scheduler figures on real JOBS processes, against Ansible; writes docs/benchmarks.md (issue 12):
//   dotnet run -c Release --project bench/Jobs.Bench -- scheduler [throughput] [api] [ansible] [failover]
if (args.Length > 0 && args[0] == "scheduler")
    return await Jobs.Bench.Scheduler.SchedulerFigures.RunAsync(args);
// Hangfire storage for SQLite, in memory vs a file (ADR 0010): dotnet run -c Release --project bench/Jobs.Bench -- hangfire-storage
if (args.Length > 0 && args[0] == "hangfire-storage")
    return await Jobs.Bench.HangfireStorageFigures.RunAsync();
if (args.Length > 0 && args[0] == "netbox")
    return await Jobs.Bench.NetBoxSyncFigures.RunAsync(args);
if (args.Length > 0 && args[0] is "ui" or "ui-seed")
    return await Jobs.Bench.UiFigures.RunAsync(args);
if (args.Length > 0 && args[0] is "xlsx" or "xlsx-run")
    return await Jobs.Bench.XlsxComparison.RunAsync(args);
BenchmarkSwitcher.FromAssembly(typeof(Jobs.Bench.OutputCapBenchmarks).Assembly).Run(args);
return 0;
