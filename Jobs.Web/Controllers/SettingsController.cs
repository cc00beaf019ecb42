using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using System.Text.Json;
using Jobs.Core.Execution;
using Jobs.Executors.Configuration;
using Jobs.Web.Infrastructure;
using Jobs.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Controllers;

/// <summary>
/// Settings → Executors: every configured executor (never its secrets) and a Test connection button per executor
/// (POST + PRG; the outcome travels in TempData).
/// </summary>
[Route("settings")]
[Authorize(Policy = Policies.Admin)]
public sealed partial class SettingsController(
    IExecutorRegistry registry,
    IRemoteExecutorCatalog catalog,
    CurrentActor actor,
    TimeProvider time,
    ILogger<SettingsController> logger) : Controller
{
    private const string ResultKey = "ExecutorTest";
    private static readonly TimeSpan TestBudget = TimeSpan.FromSeconds(60);

    [HttpGet("")]
    public IActionResult Index() => RedirectToAction(nameof(Executors));

    [HttpGet("executors")]
    public IActionResult Executors()
    {
        ViewData["Title"] = "Executors";
        ViewData["Section"] = "settings";
        var last = TempData[ResultKey] is string json ? JsonSerializer.Deserialize<ExecutorTestOutcome>(json) : null;
        var rows = registry.All.Select(d =>
        {
            var info = catalog.Find(d.Name);
            return new ExecutorRow(d, info?.CredentialKind ?? "none (runs inside JOBS)", info?.TimeoutSeconds, info?.VerifyTls ?? true,
                last is not null && string.Equals(last.Name, d.Name, StringComparison.OrdinalIgnoreCase) ? last : null);
        }).ToList();
        return View(new ExecutorsPage(rows));
    }

    [HttpPost("executors/{name}/test")]
    public async Task<IActionResult> Test(string name, CancellationToken ct)
    {
        var executor = registry.Find(name);
        if (executor is null)
        {
            TempData["Error"] = $"No executor named '{name}' is configured.";
            return RedirectToAction(nameof(Executors));
        }
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(TestBudget);
        ConnectionTestResult result;
        try
        {
            result = await executor.TestConnectionAsync(budget.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            result = new ConnectionTestResult(false, $"No answer within {TestBudget.TotalSeconds:0} s.", TestBudget);
        }
        LogTested(logger, executor.Name, actor.Get().Name, result.Ok, (long)result.Elapsed.TotalMilliseconds);
        TempData[ResultKey] = JsonSerializer.Serialize(new ExecutorTestOutcome(executor.Name, result.Ok, result.Message,
            (long)result.Elapsed.TotalMilliseconds, time.GetUtcNow().UtcDateTime));
        return Redirect(Url.Action(nameof(Executors)) + "#executor-" + executor.Name);
    }

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information,
        Message = "Executor {Executor}: connection test by {Actor}: ok={Ok} in {ElapsedMs} ms")]
    private static partial void LogTested(ILogger logger, string executor, string actor, bool ok, long elapsedMs);
}
