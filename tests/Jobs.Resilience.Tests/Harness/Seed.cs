namespace Jobs.Resilience.Tests.Harness;

/// <summary>The seed of a randomized test: <c>JOBS_RESILIENCE_SEED</c> replays one, else a new one. Always printed.</summary>
public static class Seed
{
    public const string Variable = "JOBS_RESILIENCE_SEED";

    public static int Pick(ITestOutputHelper output, string test)
    {
        var seed = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)
            : Random.Shared.Next(1, int.MaxValue);
        var line = $"{test}: seed {seed} (replay: {Variable}={seed} ./test.sh --filter \"FullyQualifiedName~{test}\")";
        output.WriteLine(line);
        Console.WriteLine(line);
        return seed;
    }
}
