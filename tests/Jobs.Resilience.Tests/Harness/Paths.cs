namespace Jobs.Resilience.Tests.Harness;

/// <summary>Where the built JOBS lives and where a test's logs go.</summary>
public static class Paths
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The Release build of Jobs.Web that <c>test.sh</c> (or <c>dotnet build -c Release</c>) produced.</summary>
    public static string WebDll => Path.Combine(RepoRoot, "Jobs.Web", "bin", "Release", "net10.0", "Jobs.Web.dll");

    /// <summary>A folder under <c>artifacts/resilience</c> for one test: every process's output, the host logs.</summary>
    public static string Artifacts(string test)
    {
        var root = Environment.GetEnvironmentVariable("JOBS_TEST_ARTIFACTS") is { Length: > 0 } a ? a : Path.Combine(RepoRoot, "artifacts");
        var dir = Path.Combine(root, "resilience", test);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Jobs.sln"))) return dir.FullName;
        throw new InvalidOperationException("Jobs.sln not found above " + AppContext.BaseDirectory);
    }
}
