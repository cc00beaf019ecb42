using Jobs.Core.Domain;
using Jobs.Core.Security;
using Jobs.Core.Templates;
using Jobs.Core.Tests.Engine;
using Jobs.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Jobs.Core.Tests.Templates.TemplateHarness;

namespace Jobs.Core.Tests.Templates;

/// <summary>Issue 14: a recurring template fires on a shifted (manual) clock, once per occurrence, and skips while its
/// previous run is live; every fire is a normal job of the owner (two-person rule included).</summary>
public sealed class TemplateScheduleFireTests
{
    private static Task<long> ScheduleAsync(EngineHarness h, long templateId, string cron, string zone = "UTC", bool skipIfLive = true) =>
        WithAsync(h, sp => sp.GetRequiredService<TemplateSchedules>().CreateAsync(templateId,
            new ScheduleInput { Cron = cron, TimeZone = zone, SkipIfLive = skipIfLive, Variables = new Dictionary<string, string> { ["version"] = "2.5" } },
            Alice, CancellationToken.None));

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Fire_EveryFiveMinutes_CreatesOneJobPerOccurrence_AndSkipsWhileThePreviousIsLive(TestProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(servers: 3, provider: provider);
        await AddUserAsync(h, "alice", Roles.Operator);
        var template = await CreateTemplateAsync(h, Input());
        var schedule = await ScheduleAsync(h, template, "*/5 * * * *");

        Assert.Equal(FireResult.NotDue, await FireAsync(h, schedule)); // 08:00: enabled now, nothing due yet

        h.Clock.Advance(TimeSpan.FromMinutes(5)); // 08:05
        Assert.Equal(FireResult.Created, await FireAsync(h, schedule));
        Assert.Equal(FireResult.AlreadyFired, await FireAsync(h, schedule)); // a retry or a second node: same occurrence
        var first = Assert.Single(await JobsAsync(h));
        Assert.Equal(($"schedule:{schedule}", template, 1), (first.Source, first.TemplateId, first.TemplateVersion));
        Assert.Equal("alice", first.CreatedByUser);
        Assert.Contains("2.5", first.ParametersJson);

        h.Clock.Advance(TimeSpan.FromMinutes(5)); // 08:10: job 1 has not finished
        Assert.Equal(FireResult.Skipped, await FireAsync(h, schedule));
        Assert.Single(await JobsAsync(h));

        await h.ControlAsync(first.Id, JobControl.Abort);
        h.Clock.Advance(TimeSpan.FromMinutes(5)); // 08:15
        Assert.Equal(FireResult.Created, await FireAsync(h, schedule));

        var fires = await FiresAsync(h, schedule);
        Assert.Equal([FireOutcome.Created, FireOutcome.Skipped, FireOutcome.Created], fires.Select(f => f.Outcome));
        Assert.Equal([5, 10, 15], fires.Select(f => f.Occurrence.Minute));
        Assert.Contains($"job {first.Id}", fires[1].Detail);
        Assert.Contains("template.schedule.skipped", await h.AuditActionsAsync());
    }

    [Fact]
    public async Task Fire_InATimeZone_FiresAtTheLocalTime_AndOnlyTheLatestMissedOccurrence()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 2);
        await AddUserAsync(h, "alice", Roles.Operator);
        var template = await CreateTemplateAsync(h, Input());
        var schedule = await ScheduleAsync(h, template, "0 3 * * *", "Europe/Berlin", skipIfLive: false);

        h.Clock.Set(new DateTimeOffset(2026, 1, 6, 1, 59, 0, TimeSpan.Zero)); // 02:59 in Berlin
        Assert.Equal(FireResult.NotDue, await FireAsync(h, schedule));
        h.Clock.Set(new DateTimeOffset(2026, 1, 6, 2, 0, 0, TimeSpan.Zero)); // 03:00 in Berlin (UTC+1)
        Assert.Equal(FireResult.Created, await FireAsync(h, schedule));

        h.Clock.Set(new DateTimeOffset(2026, 1, 9, 12, 0, 0, TimeSpan.Zero)); // down for days: one fire, not three
        Assert.Equal(FireResult.Created, await FireAsync(h, schedule));
        Assert.Equal(FireResult.AlreadyFired, await FireAsync(h, schedule));
        var fires = await FiresAsync(h, schedule);
        Assert.Equal([new DateTime(2026, 1, 6, 2, 0, 0), new DateTime(2026, 1, 9, 2, 0, 0)], fires.Select(f => DateTime.SpecifyKind(f.Occurrence, DateTimeKind.Unspecified)));
    }

    [Fact]
    public async Task Fire_DangerousCommand_WaitsForAnAdminOtherThanTheOwner()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 2);
        await AddUserAsync(h, "alice", Roles.Operator);
        var template = await CreateTemplateAsync(h, Input(command: "rm -rf /var/cache/app-{{var.version}}"));
        var schedule = await ScheduleAsync(h, template, "*/5 * * * *");

        h.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(FireResult.Created, await FireAsync(h, schedule));

        var job = Assert.Single(await JobsAsync(h));
        Assert.Equal(JobStatus.AwaitingApproval, job.Status);
        Assert.NotNull(job.DangerousCommand);
        Assert.Equal("alice", job.CreatedByUser); // so alice cannot approve it herself
    }

    [Fact]
    public async Task Fire_OwnerNoLongerAnOperator_IsRecordedAsRefused()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 2);
        await AddUserAsync(h, "alice", Roles.Viewer);
        var template = await CreateTemplateAsync(h, Input());
        var schedule = await ScheduleAsync(h, template, "*/5 * * * *");

        h.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(FireResult.Refused, await FireAsync(h, schedule));

        Assert.Empty(await JobsAsync(h));
        Assert.Contains("no longer an Operator", Assert.Single(await FiresAsync(h, schedule)).Detail);
    }
}
