using System.Diagnostics;
using Jobs.Core.Auditing;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Inventory;

/// <summary>
/// Fills an empty inventory with <see cref="DemoInventory"/> servers on first start, once: a database that has
/// servers, or that was seeded before (audit action <c>servers.seed</c>), is left alone.
/// </summary>
public sealed partial class DemoInventorySeeder(JobsDbContext db, TimeProvider clock, IOptions<DemoOptions> options,
    ILogger<DemoInventorySeeder> logger)
{
    public const string AuditAction = "servers.seed";

    /// <summary>Seeds when configured and the database is empty; returns how many servers were created.</summary>
    public async Task<int> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        var count = options.Value.SeedServers;
        if (count <= 0) return 0;
        if (await db.Servers.AnyAsync(cancellationToken)
            || await db.AuditEntries.AnyAsync(a => a.Action == AuditAction, cancellationToken))
        {
            return 0;
        }

        var watch = Stopwatch.StartNew();
        var servers = DemoInventory.Generate(count, clock.GetUtcNow().UtcDateTime);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await ServerBulkInsert.InsertAsync(db, servers, cancellationToken);
            db.Audit(clock, Actor.System, AuditAction, "servers", $"{count} demo servers created on first start");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        LogSeeded(logger, count, watch.ElapsedMilliseconds);
        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Count} demo servers in {ElapsedMs} ms (Jobs:Demo:SeedServers; they are marked as demo data)")]
    private static partial void LogSeeded(ILogger logger, int count, long elapsedMs);
}

public static class DemoInventorySeederExtensions
{
    /// <summary>Start-up step after migrations: seeds demo servers into an empty database when configured.</summary>
    public static async Task<int> SeedDemoInventoryAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoInventorySeeder>().SeedIfEmptyAsync(cancellationToken);
    }
}
