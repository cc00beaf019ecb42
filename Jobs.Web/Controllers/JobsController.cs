using Jobs.Core.Auditing;
using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Jobs.Core.Domain;
using Jobs.Core.Application;
using Jobs.Core.Engine;
using Jobs.Core.Execution;
using Jobs.Web.Export;
using Jobs.Web.Infrastructure;
using Jobs.Web.Models;
using Jobs.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Controllers;

/// <summary>The job list, a job's dashboard, its hosts, its controls and its Excel export.</summary>
[Route("jobs")]
[Authorize(Policy = Policies.Viewer)]
// IJobService is taken per action: only the controls need it, and the read pages need none of its dependencies.
public sealed class JobsController(JobQueries queries, NotificationQueries notifications, IExecutorRegistry executors, CurrentActor actor,
    NavigationCounts nav) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(JobStatus? status, string? executor, string? name, int? page, CancellationToken ct)
    {
        var query = new JobListQuery(status, executor, name, PageOf<JobListItem>.ClampPage(page));
        var used = await queries.UsedExecutorsAsync(ct);
        ViewData["Title"] = "Jobs";
        ViewData["Section"] = "jobs";
        return View(new JobListViewModel
        {
            Query = query,
            Jobs = await queries.ListAsync(query, ct),
            Executors = used.Union(executors.All.Select(e => e.Name), StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList(),
        });
    }

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Show(long id, HostStatus? state, int? batch, string? q, int? page, string? error, CancellationToken ct)
    {
        var job = await queries.SummaryAsync(id, ct);
        if (job is null) return NotFound();
        var hostQuery = new HostListQuery(state, batch, q, PageOf<HostRow>.ClampPage(page), error);
        ViewData["Title"] = job.Name;
        ViewData["Section"] = "jobs";
        return View(new JobDashboardViewModel
        {
            Job = job,
            HostQuery = hostQuery,
            Hosts = await queries.HostsAsync(job, hostQuery, ct),
            ExclusionSample = job.ExcludedHosts > 0 ? await queries.ExclusionsAsync(id, 20, ct) : [],
            ExecutorIsSimulation = executors.Find(job.Executor)?.Descriptor.IsSimulation ?? false,
            Deliveries = await notifications.ForJobAsync(id, ct),
        });
    }

    /// <summary>The numbers the dashboard script polls while the job is live (job row + batch rows only).</summary>
    [HttpGet("{id:long}/live")]
    public async Task<IActionResult> Live(long id, CancellationToken ct)
    {
        var job = await queries.SummaryAsync(id, ct);
        if (job is null) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return Json(JobLiveDto.From(job) with { LiveJobs = await nav.RunningJobsAsync(fresh: true) });
    }

    [HttpGet("{id:long}/hosts/{hostname}")]
    public async Task<IActionResult> Host(long id, string hostname, CancellationToken ct)
    {
        var host = await queries.HostAsync(id, hostname, ct);
        if (host is null) return NotFound();
        ViewData["Title"] = $"{host.Host.Hostname} · {host.JobName}";
        ViewData["Section"] = "jobs";
        return View(host);
    }

    /// <summary>Abort confirmation for browsers without JavaScript (with it, the dashboard opens a dialog instead).</summary>
    [HttpGet("{id:long}/abort")]
    [Authorize(Policy = Policies.Operator)]
    public async Task<IActionResult> ConfirmAbort(long id, CancellationToken ct)
    {
        var job = await queries.SummaryAsync(id, ct);
        if (job is null) return NotFound();
        if (job.IsTerminal)
        {
            TempData["Error"] = $"Job {id} is already {StatusText.Label(job.Status).ToLowerInvariant()}.";
            return RedirectToAction(nameof(Show), new { id });
        }
        ViewData["Title"] = $"Abort {job.Name}?";
        ViewData["Section"] = "jobs";
        return View(job);
    }

    /// <summary>Every job control (pause, resume, abort, retry-failed, approve): one command through the job service,
    /// then back to the dashboard with what it did.</summary>
    [Authorize(Policy = Policies.Operator)]
    [HttpPost("{id:long}/{control:" + ControlRouteConstraint.Job + "}")]
    public Task<IActionResult> Control(long id, string control, [FromServices] IJobService jobs, CancellationToken ct) =>
        ApplyAsync(jobs, id, JobControlText.FromSlug(control, hostControl: false)!.Value, null, ct);

    /// <summary>Every host control (skip, retry), then back to the host's page.</summary>
    [Authorize(Policy = Policies.Operator)]
    [HttpPost("{id:long}/hosts/{hostname}/{control:" + ControlRouteConstraint.Host + "}")]
    public Task<IActionResult> HostControl(long id, string hostname, string control, [FromServices] IJobService jobs, CancellationToken ct) =>
        ApplyAsync(jobs, id, JobControlText.FromSlug(control, hostControl: true)!.Value, hostname, ct);

    private async Task<IActionResult> ApplyAsync(IJobService jobs, long id, JobControl control, string? hostname, CancellationToken ct)
    {
        try
        {
            TempData["Message"] = (await jobs.ControlAsync(id, control, actor.Get(), hostname, ct)).Message;
            nav.Forget(); // the page this redirects to shows the badge as the control left it
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (Exception ex) when (ex is InvalidTransitionException or TwoPersonRuleException or OutOfScopeException)
        {
            // The page was out of date, another operator acted first, or this person may not: say why instead of failing.
            TempData["Error"] = ex.Message;
        }
        return hostname is null ? RedirectToAction(nameof(Show), new { id }) : RedirectToAction(nameof(Host), new { id, hostname });
    }

    /// <summary>Pin (keep past retention) or unpin, then back to the dashboard.</summary>
    [Authorize(Policy = Policies.Operator)]
    [HttpPost("{id:long}/pin")]
    public Task<IActionResult> Pin(long id, [FromServices] IJobService jobs, CancellationToken ct) => PinAsync(jobs, id, true, ct);

    [Authorize(Policy = Policies.Operator)]
    [HttpPost("{id:long}/unpin")]
    public Task<IActionResult> Unpin(long id, [FromServices] IJobService jobs, CancellationToken ct) => PinAsync(jobs, id, false, ct);

    private async Task<IActionResult> PinAsync(IJobService jobs, long id, bool pinned, CancellationToken ct)
    {
        try
        {
            TempData["Message"] = await jobs.SetPinnedAsync(id, pinned, actor.Get(), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (OutOfScopeException ex)
        {
            TempData["Error"] = ex.Message;
        }
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpGet("{id:long}/export")]
    [HttpGet("/api/v1/jobs/{id:long}/export.xlsx")]
    public async Task<IActionResult> Export(long id, [FromServices] JobExport export, [FromServices] AuditTrail audit, CancellationToken ct)
    {
        var file = await export.CreateAsync(id, ct);
        if (file is not { } f) return NotFound();
        await audit.RecordAsync(actor.Get(), "job.export", $"job/{id}", f.FileName, ct);
        return File(f.Stream, JobExport.ContentType, f.FileName);
    }
}
