using Jobs.Testing;

namespace Jobs.Resilience.Tests.Harness;

/// <summary>What a JOBS process is pointed at: <c>Database:Provider</c>, <c>ConnectionStrings:Jobs</c>, <c>Jobs:DataPath</c>.
/// The database is empty: the first process migrates it, as in production.</summary>
public sealed record NodeDatabase(string Provider, string ConnectionString, string DataPath)
{
    public static NodeDatabase From(TestDatabase db) => new(db.ProviderName, db.ConnectionString, db.Folder);
}
