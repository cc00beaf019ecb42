using Jobs.Core.Persistence;
using Jobs.Core.Persistence.Postgres;
using Jobs.Core.Persistence.Sqlite;
using Jobs.Core.Persistence.SqlServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jobs.DesignHost;

/// <summary>Used by <c>dotnet ef migrations add … -- --provider Sqlite|Postgres|SqlServer</c>. Opens no connection.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<JobsDbContext>
{
    public JobsDbContext CreateDbContext(string[] args)
    {
        var i = Array.IndexOf(args, "--provider");
        var provider = i >= 0 && i + 1 < args.Length ? args[i + 1] : "Sqlite";
        var options = new DbContextOptionsBuilder<JobsDbContext>();
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
            options.UseNpgsql("Host=localhost;Database=jobs_design", o => o.MigrationsAssembly("Jobs.Migrations.Postgres"))
                .UseJobsDialect(PostgresDialect.Database);
        else if (provider.Equals("SqlServer", StringComparison.OrdinalIgnoreCase))
            options.UseSqlServer("Server=localhost;Database=jobs_design;Integrated Security=true;TrustServerCertificate=true",
                    o => o.MigrationsAssembly("Jobs.Migrations.SqlServer"))
                .UseJobsDialect(SqlServerDialect.Database);
        else
            options.UseSqlite("Data Source=design.db", o => o.MigrationsAssembly("Jobs.Migrations.Sqlite"))
                .UseJobsDialect(SqliteDialect.Database);
        return new JobsDbContext(options.Options);
    }
}

internal static class Program
{
    private static void Main() => Console.WriteLine("Design-time host for EF Core migrations; see README.");
}
