using BenchmarkDotNet.Attributes;
using Jobs.Core.Domain;

namespace Jobs.Bench;

/// <summary>Capping host output happens for every result the engine stores.</summary>
[MemoryDiagnoser]
public class OutputCapBenchmarks
{
    private readonly string _small = new('x', 2_000);
    private readonly string _large = string.Concat(Enumerable.Repeat("línea de salida ✓\n", 20_000));

    [Benchmark]
    public string? SmallOutput() => OutputText.Cap(_small);

    [Benchmark]
    public string? LargeOutput() => OutputText.Cap(_large);
}
