using System.Data.Common;
using Jobs.Core.Domain;
using Jobs.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jobs.Core.Tests.Engine;

/// <summary>
/// Issue 13: the cross-job host lock. Two jobs over the same host: when another job takes the host between this job's
/// choice of candidates and its claim, the unique index on running hostnames rejects the set-based claim; the engine
/// then claims one by one, skips the locked host (it waits), and the step does not fail.
/// </summary>
public sealed class HostLockTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Claim_HostTakenByAnotherJobMidClaim_OthersClaimedThatOneWaits(TestProvider provider)
    {
        var race = new TakeHostBeforeClaim();
        await using var h = await EngineHarness.CreateAsync(3, provider: provider, interceptor: race);
        var first = await h.CreateJobAsync("100%", GateSettings.Default);
        var second = await h.CreateJobAsync("100%", GateSettings.Default);
        race.Arm(h.Database, first, "web-000");

        await h.StepAsync(second); // must not throw

        Assert.True(race.Fired, "the interceptor did not see the claim");
        var hosts = (await h.HostsAsync(second)).ToDictionary(x => x.Hostname, x => x.Status);
        Assert.Equal(HostStatus.Pending, hosts["web-000"]);
        Assert.Equal(HostStatus.Running, hosts["web-001"]);
        Assert.Equal(HostStatus.Running, hosts["web-002"]);

        // The other job lets go of the host: the waiting one takes it on its next step.
        await using (var db = h.Database.CreateContext())
            await db.HostTasks.Where(x => x.JobId == first && x.Hostname == "web-000")
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, HostStatus.Succeeded));
        await h.StepAsync(second);
        Assert.Equal(HostStatus.Running, (await h.HostsAsync(second)).Single(x => x.Hostname == "web-000").Status);
    }

    /// <summary>Just before the engine's set-based claim runs, marks one host of another job Running (through another
    /// connection), as a concurrent step of that job would.</summary>
    private sealed class TakeHostBeforeClaim : DbCommandInterceptor
    {
        private TestDatabase? _database;
        private long _job;
        private string _host = "";

        public bool Fired { get; private set; }

        public void Arm(TestDatabase database, long job, string host) => (_database, _job, _host) = (database, job, host);

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var text = command.CommandText;
            if (_database is not null && !Fired && text.Contains("UPDATE", StringComparison.OrdinalIgnoreCase) &&
                text.Contains("\"HostTasks\"", StringComparison.Ordinal) && text.Contains("\"Jobs\"", StringComparison.Ordinal) &&
                text.Contains("StartedAt", StringComparison.Ordinal))
            {
                Fired = true;
                await using var db = _database.CreateContext();
                await db.HostTasks.Where(h => h.JobId == _job && h.Hostname == _host)
                    .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HostStatus.Running), cancellationToken);
            }
            return result;
        }
    }
}
