namespace Jobs.Resilience.Tests.Harness;

/// <summary>Figures of a run: to the test's output (the trx), the console and <c>summary.txt</c> beside its logs.</summary>
public static class Report
{
    public static void Write(ITestOutputHelper output, string artifacts, string summary, IEnumerable<string>? details = null)
    {
        var lines = new[] { summary }.Concat(details ?? []).ToList();
        foreach (var l in lines) output.WriteLine(l);
        Console.WriteLine(summary);
        File.AppendAllLines(Path.Combine(artifacts, "summary.txt"), lines);
    }
}
