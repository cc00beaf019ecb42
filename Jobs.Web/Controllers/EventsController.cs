using Jobs.Core.Domain;
using Jobs.Core.Events;
using Jobs.Web.Models;
using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Controllers;

/// <summary><c>/events</c>: events received on the API, newest first, by type, source, outcome and time; each with its rules' verdicts.</summary>
[Authorize(Policy = Policies.Viewer)]
public sealed class EventsController(EventQueries queries) : Controller
{
    [HttpGet("/events")]
    public async Task<IActionResult> Index(string? type, string? source, EventOutcome? outcome, DateTime? from, DateTime? to, int? page, CancellationToken ct)
    {
        ViewData["Title"] = "Events";
        ViewData["Section"] = "events";
        var number = Math.Max(1, page ?? 1);
        (from, to) = (Utc(from), Utc(to));
        var events = await queries.SearchAsync(new EventSearch(type, source, outcome, from, to,
            (number - 1) * EventsViewModel.PageSize, EventsViewModel.PageSize), ct);
        return View(new EventsViewModel { Type = type, Source = source, Outcome = outcome, From = from, To = to, Page = number, Events = events });
    }

    [HttpGet("/events/{id:long}")]
    public async Task<IActionResult> Details(long id, CancellationToken ct)
    {
        if (await queries.GetAsync(id, ct) is not { } ev) return NotFound();
        ViewData["Title"] = $"Event {id}";
        ViewData["Section"] = "events";
        return View(ev);
    }

    /// <summary>The page's time inputs are UTC (labelled so).</summary>
    private static DateTime? Utc(DateTime? t) => t is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
}
