using Jobs.Core.Execution;
using Jobs.Core.Filtering;
using Jobs.Core.Inventory;
using Jobs.Web.Models;
using Jobs.Web.Security;
using Jobs.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Controllers;

/// <summary><c>/</c>: what is running now and what finished recently.</summary>
[Authorize(Policy = Policies.Viewer)]
public sealed class HomeController(JobQueries queries, ServerQueries servers, IExecutorRegistry executors) : Controller
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
            ServerCount = await servers.CountAsync(HostFilter.All, ct),
            ExecutorCount = executors.All.Count,
        });
    }
}
