using Jobs.Core.Application;
using Jobs.Core.Domain;
using Jobs.Core.Templates;
using Jobs.Core.Tests.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jobs.Core.Tests.Templates.TemplateHarness;

namespace Jobs.Core.Tests.Templates;

/// <summary>Issue 14: editing a template adds an immutable version; a job records the version it was made from.</summary>
public sealed class TemplateVersionTests
{
    private static Task<TemplateRunResult> RunAsync(EngineHarness h, long id, string version, TemplateRunOptions? options = null) =>
        WithAsync(h, sp => sp.GetRequiredService<ITemplateRuns>().RunAsync(id, new Dictionary<string, string> { ["version"] = version },
            Alice, options ?? TemplateRunOptions.Default, CancellationToken.None));

    [Fact]
    public async Task Update_AddsAVersion_OldJobsKeepTheirs_NewRunsTakeTheLatest()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 2);
        var id = await CreateTemplateAsync(h, Input(command: "deploy {{var.version}}"));
        var first = await RunAsync(h, id, "1.1");

        var version = await WithAsync(h, sp => sp.GetRequiredService<TemplateService>().UpdateAsync(id,
            Input(command: "deploy --canary {{var.version}}", note: "canary flag"), Alice, CancellationToken.None));
        var second = await RunAsync(h, id, "1.2");

        Assert.Equal(2, version);
        var jobs = await JobsAsync(h);
        Assert.Equal([(first.JobId, 1, "{\"command\":\"deploy 1.1\"}"), (second.JobId, 2, "{\"command\":\"deploy --canary 1.2\"}")],
            jobs.Select(j => ((long?)j.Id, j.TemplateVersion ?? 0, j.ParametersJson)));
        await using var db = h.Database.CreateContext();
        var stored = await db.JobTemplateVersions.Where(v => v.TemplateId == id).OrderBy(v => v.Version).ToListAsync();
        Assert.Contains("deploy {{var.version}}", stored[0].RequestJson);
        Assert.Equal("canary flag", stored[1].Note);
    }

    [Fact]
    public async Task Run_BadVariable_CreatesNothingAndSaysWhy()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 2);
        var id = await CreateTemplateAsync(h, Input());

        var result = await RunAsync(h, id, "latest");

        Assert.Null(result.JobId);
        Assert.Contains("does not match the pattern", Assert.Single(result.Errors["variables.version"]));
        Assert.Empty(await JobsAsync(h));
    }

    [Fact]
    public async Task Run_RequireApprovalBeforeFirstBatch_HoldsTheJobUntilApproved()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 2);
        var id = await CreateTemplateAsync(h, Input());

        var result = await RunAsync(h, id, "1.0", new TemplateRunOptions { RequireApprovalBeforeFirstBatch = true, Source = "rule:disk-full" });

        var job = await h.JobAsync(result.JobId!.Value);
        Assert.Equal((JobStatus.AwaitingApproval, "rule:disk-full"), (job.Status, job.Source));
        Assert.DoesNotContain(job.Id, h.Scheduler.Ensured);
        await h.ControlAsync(job.Id, JobControl.Approve);
        Assert.Equal(JobStatus.Scheduled, (await h.JobAsync(job.Id)).Status);
        Assert.Contains(job.Id, h.Scheduler.Ensured);
    }

    [Fact]
    public async Task Create_UndefinedVariableAndUnparsableFilter_AreFieldErrors()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 1);

        var undefined = await Assert.ThrowsAsync<JobValidationException>(() => CreateTemplateAsync(h, Input(command: "echo {{var.nope}}")));
        var quoted = await Assert.ThrowsAsync<JobValidationException>(() => CreateTemplateAsync(h, Input(filter: "app = \"{{var.version}}\"")));

        Assert.Contains("{{var.nope}} is used but not defined", Assert.Single(undefined.Errors["request"]));
        Assert.Contains("without quotes", Assert.Single(quoted.Errors["request.filter"]));
    }
}
