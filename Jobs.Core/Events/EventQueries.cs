using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Events;

/// <summary>What the Events page and <c>GET /api/v1/events</c> search by; every criterion optional.</summary>
public sealed record EventSearch(string? Type = null, string? Source = null, EventOutcome? Outcome = null,
    DateTime? From = null, DateTime? To = null, int Skip = 0, int Take = 50)
{
    public const int MaxTake = 500;
}

public sealed record EventRow(long Id, string Type, string Source, DateTime Time, DateTime ReceivedAt, string ReceivedBy,
    EventOutcome Outcome, int Matched, long? FirstJobId);

public sealed record EventPage(int Total, IReadOnlyList<EventRow> Items);

public sealed record RuleRow(long Id, long TemplateId, string Name, string EventType, string Match, string Variables,
    int BucketCapacity, int BucketRefill, int BucketIntervalSeconds, string BucketKey, bool RequireApproval, bool Enabled,
    string CreatedBy, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>Reads of events and rules for the pages and the API, projected in SQL, newest first.</summary>
public sealed class EventQueries(JobsDbContext db)
{
    public async Task<EventPage> SearchAsync(EventSearch s, CancellationToken ct)
    {
        var q = db.Events.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(s.Type)) q = q.Where(e => e.Type == s.Type.Trim());
        if (!string.IsNullOrWhiteSpace(s.Source)) q = q.Where(e => e.Source == s.Source.Trim());
        if (s.Outcome is { } outcome) q = q.Where(e => e.Outcome == outcome);
        if (s.From is { } from) q = q.Where(e => e.ReceivedAt >= from);
        if (s.To is { } to) q = q.Where(e => e.ReceivedAt < to);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(e => e.ReceivedAt).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, s.Skip)).Take(Math.Clamp(s.Take, 1, EventSearch.MaxTake))
            .Select(e => new EventRow(e.Id, e.Type, e.Source, e.Time, e.ReceivedAt, e.ReceivedBy, e.Outcome,
                e.Results.Count(r => r.Outcome != RuleOutcome.NotMatched),
                e.Results.Where(r => r.JobId != null).OrderBy(r => r.Id).Select(r => r.JobId).FirstOrDefault()))
            .ToListAsync(ct);
        return new EventPage(total, items);
    }

    /// <summary>One event with every rule's verdict, or null.</summary>
    public Task<InboundEvent?> GetAsync(long id, CancellationToken ct) =>
        db.Events.AsNoTracking().Include(e => e.Results.OrderBy(r => r.Id)).SingleOrDefaultAsync(e => e.Id == id, ct);

    public async Task<IReadOnlyList<RuleRow>> RulesAsync(long? templateId, CancellationToken ct) =>
        await Rules((templateId is { } t ? db.EventRules.Where(r => r.TemplateId == t) : db.EventRules)
            .OrderBy(r => r.TemplateId).ThenBy(r => r.Name)).ToListAsync(ct);

    public Task<RuleRow?> RuleAsync(long id, CancellationToken ct) => Rules(db.EventRules.Where(r => r.Id == id)).SingleOrDefaultAsync(ct);

    private static IQueryable<RuleRow> Rules(IQueryable<EventRule> rules) => rules.AsNoTracking()
        .Select(r => new RuleRow(r.Id, r.TemplateId, r.Name, r.EventType, r.Match, r.Variables, r.BucketCapacity, r.BucketRefill,
            r.BucketIntervalSeconds, r.BucketKey, r.RequireApproval, r.Enabled, r.CreatedBy, r.CreatedAt, r.UpdatedAt));
}
