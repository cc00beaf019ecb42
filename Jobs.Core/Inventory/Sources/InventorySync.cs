using System.Collections.Concurrent;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Inventory.Sources;

/// <summary>
/// Syncs one inventory source into the Servers table (issue 15): read everything first, plan in memory
/// (<see cref="SyncPlan"/>), then — unless it is a dry run or the retire guard stops it — add, update and retire in one
/// transaction. Every real run is recorded as an <see cref="InventorySyncRun"/> and audited (<c>inventory.sync</c>).
/// </summary>
/// <remarks>
/// Reading completely before writing means a source that fails half-way changes nothing. Runs of one source are serialised
/// in this process; across processes the unique hostname index turns a racing insert into a failed run, not a duplicate.
/// </remarks>
public sealed partial class InventorySync(JobsDbContext db, InventorySourceCatalog sources, SourceSyncLocks locks, TimeProvider clock,
    ILogger<InventorySync> logger)
{
    public const string AuditAction = "inventory.sync";

    /// <summary>Syncs <paramref name="sourceName"/>; null when no such source is configured.</summary>
    /// <param name="dryRun">Compute and return the changes; write nothing, record no run.</param>
    /// <param name="confirm">Apply even when more than <c>MaxRetirePercent</c> of the source's servers would be retired.</param>
    public async Task<SyncReport?> SyncAsync(string sourceName, bool dryRun, bool confirm, Actor actor, CancellationToken cancellationToken)
    {
        if (sources.Find(sourceName) is not { } source) return null;
        var gate = locks.For(source.Name);
        if (!await gate.WaitAsync(TimeSpan.Zero, cancellationToken))
            return SyncReport.Failure(source.Name, dryRun, $"A sync of {source.Name} is already running; try again when it has finished.", null);
        try
        {
            return await RunAsync(source, dryRun, confirm, actor, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SyncReport> RunAsync(IInventorySource source, bool dryRun, bool confirm, Actor actor, CancellationToken ct)
    {
        InventorySyncRun? run = null;
        if (!dryRun)
        {
            run = new InventorySyncRun(source.Name, actor.Name, clock.GetUtcNow().UtcDateTime);
            db.InventorySyncRuns.Add(run);
            await db.SaveChangesAsync(ct);
        }

        List<MappedRecord> records;
        try
        {
            records = await FetchAsync(source, ct);
        }
        catch (InventorySourceException ex)
        {
            LogReadFailed(logger, source.Name, ex.Message);
            return await FailAsync(source, run, dryRun, actor, ex.Message, 0, ct);
        }

        var plan = await PlanAsync(source.Name, records, ct);
        var guardTripped = plan.ActiveBefore > 0 && plan.RetirePercent > source.Options.MaxRetirePercent;
        if (dryRun) return Report(source, plan, records.Count, SyncOutcome.Previewed, guardTripped, guardTripped ? GuardMessage(source, plan) : null, null);
        if (guardTripped && !confirm)
        {
            var message = GuardMessage(source, plan);
            await FinishAsync(run!, SyncRunOutcome.NeedsConfirmation, records.Count, plan, 0, 0, 0, message, actor, ct);
            return Report(source, plan, records.Count, SyncOutcome.NeedsConfirmation, true, message, run!.Id);
        }

        try
        {
            await ApplyAsync(source.Name, run!, records.Count, plan, actor, confirm && guardTripped, ct);
        }
        catch (DbUpdateException ex)
        {
            LogWriteFailed(logger, ex, source.Name);
            db.ChangeTracker.Clear();
            return await FailAsync(source, await db.InventorySyncRuns.SingleAsync(r => r.Id == run!.Id, ct), false, actor,
                "The servers changed while this sync wrote them (another sync or import at the same time?). Nothing was written; run it again.",
                records.Count, ct);
        }
        LogApplied(logger, source.Name, records.Count, plan.ToAdd.Count, plan.ToChange.Count, plan.ToRetire.Count);
        return Report(source, plan, records.Count, SyncOutcome.Applied, guardTripped, null, run!.Id);
    }

    private static async Task<List<MappedRecord>> FetchAsync(IInventorySource source, CancellationToken ct)
    {
        var mapper = new SourceRecordMapper(source.Options);
        var records = new List<MappedRecord>();
        await foreach (var element in source.ReadAllAsync(ct)) records.Add(mapper.Map(element));
        return records;
    }

    private async Task<SyncPlan> PlanAsync(string source, IReadOnlyList<MappedRecord> records, CancellationToken ct)
    {
        var owned = await Stored(db.Servers.Where(s => s.Source == source)).ToListAsync(ct);
        var listed = records.Where(r => r.Server is not null).Select(r => r.Hostname!).ToHashSet(StringComparer.Ordinal);
        // Names only first (one cheap query), then the few full rows that collide with the source's hostnames.
        var clashing = (await db.Servers.AsNoTracking().Where(s => s.Source == null || s.Source != source).Select(s => s.Hostname).ToListAsync(ct))
            .Where(listed.Contains).ToList();
        var others = new Dictionary<string, StoredServer>(StringComparer.Ordinal);
        foreach (var chunk in clashing.Chunk(500))
        {
            foreach (var s in await Stored(db.Servers.Where(s => chunk.Contains(s.Hostname))).ToListAsync(ct)) others[s.Hostname] = s;
        }
        return SyncPlan.Compute(source, records, owned, others);
    }

    private static IQueryable<StoredServer> Stored(IQueryable<Server> servers) => servers.AsNoTracking()
        .Select(s => new StoredServer(s.Id, s.Hostname, s.Ip, s.Idc, s.Env, s.App, s.Role, s.Os, s.Status, s.Owner,
            s.Tags.Select(t => t.Name).ToList(), s.Source));

    /// <summary>Everything in one transaction: new servers in bulk, changed ones through the entity, retirements set-based.</summary>
    private async Task ApplyAsync(string source, InventorySyncRun run, int fetched, SyncPlan plan, Actor actor, bool confirmedGuard, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ServerBulkInsert.InsertAsync(db, plan.ToAdd.Select(a => new Server(a.Hostname, a.Ip, a.Idc, a.Env, a.App, a.Role, a.Os,
            a.Status, a.Owner, a.Tags, now, source: source)).ToList(), ct);
        var wanted = plan.ToChange.ToDictionary(c => c.Stored.Id, c => c.Wanted);
        foreach (var chunk in wanted.Keys.Chunk(500))
        {
            foreach (var server in await db.Servers.Include(s => s.Tags).Where(s => chunk.Contains(s.Id)).ToListAsync(ct))
            {
                var w = wanted[server.Id];
                if (server.Source is null) server.AdoptBy(source);
                server.Update(w.Ip, w.Idc, w.Env, w.App, w.Role, w.Os, w.Status, w.Owner, w.Tags, now);
            }
        }
        foreach (var chunk in plan.ToRetire.Select(s => s.Id).Chunk(500))
        {
            await db.Servers.Where(s => chunk.Contains(s.Id) && s.Source == source)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, ServerStatus.Retired).SetProperty(s => s.UpdatedAt, now), ct);
        }
        var note = confirmedGuard ? $"; confirmed retiring {plan.RetirePercent:0.#}% (over MaxRetirePercent)" : "";
        await FinishAsync(run, SyncRunOutcome.Applied, fetched, plan, plan.ToAdd.Count, plan.ToChange.Count, plan.ToRetire.Count,
            plan.Problems.Count > 0 ? string.Join('\n', plan.Problems.Take(20)) : null, actor, ct, note);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task FinishAsync(InventorySyncRun run, SyncRunOutcome outcome, int fetched, SyncPlan? plan, int added, int changed,
        int retired, string? errors, Actor actor, CancellationToken ct, string note = "")
    {
        run.Finish(outcome, fetched, added, changed, retired, plan?.Skipped ?? 0, errors, clock.GetUtcNow().UtcDateTime);
        var detail = outcome switch
        {
            SyncRunOutcome.Applied => $"run {run.Id}: fetched {fetched}: {added} added, {changed} changed, {retired} retired, {run.Skipped} skipped{note}",
            _ => $"run {run.Id}: {outcome} — {errors}",
        };
        db.Audit(clock, actor, AuditAction, $"source:{run.Source}", detail.Length > 4000 ? detail[..3999] + "…" : detail);
        await db.SaveChangesAsync(ct);
    }

    private async Task<SyncReport> FailAsync(IInventorySource source, InventorySyncRun? run, bool dryRun, Actor actor, string error, int fetched, CancellationToken ct)
    {
        if (run is not null) await FinishAsync(run, SyncRunOutcome.Failed, fetched, null, 0, 0, 0, error, actor, CancellationToken.None);
        return SyncReport.Failure(source.Name, dryRun, error, run?.Id, fetched);
    }

    private static string GuardMessage(IInventorySource source, SyncPlan plan) =>
        $"This sync would retire {plan.ToRetire.Count:N0} of {plan.ActiveBefore:N0} servers of {source.Name} ({plan.RetirePercent:0.#}%), " +
        $"more than its limit of {source.Options.MaxRetirePercent:0.#}% ({InventorySourcesOptions.Key(source.Name)}:MaxRetirePercent). " +
        "Nothing was changed. If the source is right, run the sync again with confirmation.";

    private static SyncReport Report(IInventorySource source, SyncPlan plan, int fetched, SyncOutcome outcome, bool guardTripped, string? error, long? runId) =>
        new(source.Name, outcome == SyncOutcome.Previewed, outcome, fetched, plan.ToAdd.Count, plan.ToChange.Count, plan.ToRetire.Count,
            plan.Unchanged, plan.Skipped, plan.ActiveBefore, Math.Round(plan.RetirePercent, 2), guardTripped, error, plan.Problems,
            plan.Changes, plan.ChangesNotListed, runId);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Inventory source {Source} could not be read: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Inventory source {Source}: writing the sync failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception ex, string source);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information,
        Message = "Inventory source {Source} synced: fetched {Fetched}, {Added} added, {Changed} changed, {Retired} retired")]
    private static partial void LogApplied(ILogger logger, string source, int fetched, int added, int changed, int retired);
}

/// <summary>One lock per source and application instance (a singleton): runs of a source in this process never overlap.</summary>
public sealed class SourceSyncLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public SemaphoreSlim For(string source) => _locks.GetOrAdd(source, _ => new SemaphoreSlim(1, 1));
}
