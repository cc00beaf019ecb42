using System.Diagnostics.Metrics;
using Jobs.Core.Domain;
using Jobs.Core.Metrics;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// <c>jobs.jobs</c>: how many jobs are in each status, read from the database at most every
/// <see cref="CacheFor"/> however often Prometheus scrapes. A gauge of this container's meter, so it reads this
/// process's database and goes away with it.
/// </summary>
public sealed class JobStatusGauge
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private (DateTimeOffset At, Dictionary<JobStatus, int> Counts)? _cached;

    public JobStatusGauge(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock)
    {
        _scopes = scopes;
        _clock = clock;
        meters.Create(JobsMetrics.MeterName).CreateObservableGauge("jobs.jobs", Observe, "{job}", "Jobs by status (cached for 15 s).");
    }

    private IEnumerable<Measurement<int>> Observe()
    {
        var counts = Counts();
        return Enum.GetValues<JobStatus>().Select(s =>
            new Measurement<int>(counts.GetValueOrDefault(s), new KeyValuePair<string, object?>("status", s.ToString())));
    }

    private Dictionary<JobStatus, int> Counts()
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            if (_cached is { } c && now - c.At < CacheFor) return c.Counts;
            try
            {
                using var scope = _scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
                var counts = db.Jobs.AsNoTracking().GroupBy(j => j.Status).Select(g => new { g.Key, Count = g.Count() })
                    .ToDictionary(x => x.Key, x => x.Count);
                _cached = (now, counts);
                return counts;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or ObjectDisposedException)
            {
                // The database is away: the gauge keeps its last values rather than failing the scrape.
                return _cached?.Counts ?? [];
            }
        }
    }
}
