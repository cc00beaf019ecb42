namespace Jobs.Executors.Tests.Infrastructure;

/// <summary>The contract files the fakes validate against, loaded once.</summary>
public static class Contracts
{
    private static readonly Lazy<SwaggerSchema> St2 = new(() => SwaggerSchema.Load(Path.Combine(AppContext.BaseDirectory, "Contracts", "st2-openapi.yaml")));
    private static readonly Lazy<SwaggerSchema> AgentApi = new(() => SwaggerSchema.Load(Path.Combine(AppContext.BaseDirectory, "Contracts", "agent-api.yaml")));

    public static SwaggerSchema StackStorm => St2.Value;

    public static SwaggerSchema Agent => AgentApi.Value;

    /// <summary>The repository root (the folder holding Jobs.sln).</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Jobs.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Jobs.sln not found above " + AppContext.BaseDirectory);
    }
}
