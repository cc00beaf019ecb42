using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Jobs.Core.Execution;
using Jobs.Core.Persistence;
using Jobs.Web.Models;
using Jobs.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Controllers;

/// <summary><c>/</c>: what is running now and what finished recently.</summary>
[Authorize(Policy = Policies.Viewer)]
public sealed class HomeController(JobQueries queries, JobsDbContext db, IExecutorRegistry executors) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var (active, recent) = await queries.HomeAsync(10, ct);
        ViewData["Title"] = "Overview";
        ViewData["Section"] = "home";
        return View(new HomeViewModel
        {
            Active = active,
            Recent = recent,
            Attention = JobAttention.Of(active),
            ServerCount = await db.Servers.AsNoTracking().CountAsync(ct),
            ExecutorCount = executors.All.Count,
        });
    }
}
