using Jobs.Core.Domain;
using Jobs.Core.Events;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Web.Tests.Events;

/// <summary>Token buckets in the database (issue 14): refill over time, and no token taken twice by concurrent callers.</summary>
public sealed class TokenBucketTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static async Task<EventRule> RuleAsync(TestDatabase database, int capacity, int refill, int intervalSeconds)
    {
        await using var app = new JobsWebFactory(database);
        var templateId = await EventFixture.CreateCleanUpTemplateAsync(app);
        await using var db = database.CreateContext();
        var rule = new EventRule(templateId, new RuleSettings("r", "disk.usage", "", "{}", capacity, refill, intervalSeconds, "", false, true), "tester", T0);
        db.EventRules.Add(rule);
        await db.SaveChangesAsync();
        return rule;
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task TryTake_OnePerTenMinutes_EmptyUntilTheRefillThenOneMore(TestProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rule = await RuleAsync(database, capacity: 1, refill: 1, intervalSeconds: 600);
        async Task<BucketTake> TakeAt(DateTime at)
        {
            await using var db = database.CreateContext();
            return await new TokenBuckets(db).TryTakeAsync(rule, "order-api_web-1", at, CancellationToken.None);
        }

        Assert.True((await TakeAt(T0)).Taken);
        for (var s = 6; s < 60; s += 6)
        {
            var take = await TakeAt(T0.AddSeconds(s));
            Assert.False(take.Taken);
            Assert.Equal(T0.AddSeconds(600), take.NextTokenAt!.Value, TimeSpan.FromMilliseconds(1));
        }
        Assert.False((await TakeAt(T0.AddSeconds(599))).Taken);
        Assert.True((await TakeAt(T0.AddSeconds(600))).Taken);
        Assert.False((await TakeAt(T0.AddSeconds(601))).Taken);
        // Another key has its own, full bucket.
        await using var other = database.CreateContext();
        Assert.True((await new TokenBuckets(other).TryTakeAsync(rule, "order-api_web-2", T0.AddSeconds(601), CancellationToken.None)).Taken);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task TryTake_ManyCallersAtOnce_TakeExactlyTheCapacity(TestProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var rule = await RuleAsync(database, capacity: 3, refill: 1, intervalSeconds: 3600);
        // Separate contexts (connections) stand for separate nodes; one instant, so no refill comes between them.
        var takes = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            await using var db = database.CreateContext();
            return await new TokenBuckets(db).TryTakeAsync(rule, "hot", T0, CancellationToken.None);
        }));
        Assert.Equal(3, takes.Count(t => t.Taken));
    }
}
