using System.Diagnostics;
using System.Globalization;

namespace Jobs.Bench.Scheduler;

/// <summary>
/// What a process and the machine did with their CPU over a span: the measured answer to "what limits it" — a run
/// whose process is mostly idle waits for something; one whose cores are busy is bound by them.
/// </summary>
public sealed class CpuMeter
{
    private readonly int _pid;
    private readonly double _cpu0;
    private readonly Dictionary<int, long> _waited0;
    private readonly (long Busy, long Total) _machine0;
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    public CpuMeter(int pid)
    {
        _pid = pid;
        _cpu0 = ProcFs.CpuSeconds(pid);
        _waited0 = ProcFs.RunQueueWaits(pid);
        _machine0 = ProcFs.MachineCpu();
    }

    /// <summary>"… used 0.23 of 2 cores, its threads waited 4.1 s for a CPU, the machine was 31 % busy (load 3.1)" since construction.</summary>
    public string Describe(string who)
    {
        var wall = _wall.Elapsed.TotalSeconds;
        var cores = (ProcFs.CpuSeconds(_pid) - _cpu0) / wall;
        // Per thread since the start (a thread that ended meanwhile is not counted: a lower bound), summed over threads.
        var waited = ProcFs.RunQueueWaits(_pid).Sum(t => t.Value - _waited0.GetValueOrDefault(t.Key)) / 1e9;
        var (busy, total) = ProcFs.MachineCpu();
        var machine = 100.0 * (busy - _machine0.Busy) / Math.Max(1, total - _machine0.Total);
        return string.Create(CultureInfo.InvariantCulture,
            $"{who} used {cores:0.00} of {Environment.ProcessorCount} cores and its threads, summed, waited {waited:0.0} s for a CPU during these {wall:0.0} s; " +
            $"the machine was {machine:0} % busy (load average {BenchReport.LoadAverage().Split(' ')[0]})");
    }
}
