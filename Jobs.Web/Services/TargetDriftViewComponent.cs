using Jobs.Core.Engine;
using Jobs.Core.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Jobs.Web.Services;

/// <summary>The job dashboard's warning about targets retired or offline in the CMDB since the job was created (issue 15).</summary>
public sealed class TargetDriftViewComponent(JobsDbContext db, IOptions<TargetOptions> options) : ViewComponent
{
    public const int Sample = 20;

    public async Task<IViewComponentResult> InvokeAsync(long jobId)
    {
        var (count, sample) = await RetiredTargets.DriftAsync(db, jobId, Sample, HttpContext.RequestAborted);
        return View(new TargetDriftViewModel(count, sample, options.Value.SkipRetiredTargets));
    }
}

public sealed record TargetDriftViewModel(int Count, IReadOnlyList<DriftedTarget> Sample, bool SkipRetired);
