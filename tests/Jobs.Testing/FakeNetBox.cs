using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Testing;

/// <summary>A device of the fake NetBox. Null <see cref="Ip"/> renders <c>"primary_ip4": null</c>; null <see cref="Name"/> an unnamed device.</summary>
public sealed record FakeDevice(int Id, string? Name, string Site, string Env, string Tenant, string Role, string Platform, string Status,
    string? Ip, string[] Tags, string Owner = "ops");

/// <summary>
/// A NetBox device API on 127.0.0.1 following ../shared/contracts/NETBOX.md: <c>GET /api/dcim/devices/</c> offset-paged
/// (<c>limit</c> default 50, clamped silently at 1000, <c>next</c> absolute until null), 302 without the trailing slash,
/// 403 <c>{"detail": …}</c> for a bad or missing token (keyword matched case-insensitively), filters <c>site</c>, <c>role</c>,
/// <c>status</c>, <c>name</c> (OR within a name) and <c>tag</c> (AND), <c>brief</c>, and <c>config_context</c> unless excluded.
/// Devices live in <see cref="Devices"/>; change them between syncs. Paths under <c>/moved/</c> answer 302 (a NetBox that moved).
/// </summary>
public sealed class FakeNetBox : IAsyncDisposable
{
    public const string ValidToken = "nbt_4f2a9c.Zk3v8QxY1mN0pR7s";
    public const int MaxPageSize = 1000;

    private WebApplication? _app;

    public SortedDictionary<int, FakeDevice> Devices { get; } = new();
    public ConcurrentQueue<(string PathAndQuery, string? Authorization)> Requests { get; } = new();
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary><paramref name="count"/> valid devices <c>web-00001</c>… (ids 1…count), role server, tag linux, status active.</summary>
    public static FakeNetBox WithDevices(int count)
    {
        var fake = new FakeNetBox();
        for (var i = 1; i <= count; i++) fake.Devices[i] = Device(i);
        return fake;
    }

    public static FakeDevice Device(int i) => new(i, $"web-{i:D5}", i % 3 == 0 ? "sh2" : "bj1", i % 4 == 0 ? "uat" : "prod",
        $"app-{i % 20:D2}", "server", "ubuntu-22-04", "active", $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}/24", ["linux", $"rack-{i % 7}"]);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Use(async (ctx, next) =>
        {
            Requests.Enqueue((ctx.Request.Path + ctx.Request.QueryString, ctx.Request.Headers.Authorization.FirstOrDefault()));
            // Routing treats a trailing slash as optional; NetBox (Django's APPEND_SLASH) redirects instead.
            if (ctx.Request.Path.Value is { } path && path.StartsWith("/api/", StringComparison.Ordinal) && !path.EndsWith('/'))
            {
                ctx.Response.Redirect(path + "/" + ctx.Request.QueryString);
                return;
            }
            await next(ctx);
        });
        app.MapGet("/moved/{**rest}", (string? rest) => Results.Redirect("https://netbox.example/" + rest));
        app.MapGet("/api/dcim/devices/", List);
        await app.StartAsync();
        var port = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a).Port).First();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _app = app;
    }

    private IResult List(HttpContext ctx)
    {
        if (Refusal(ctx.Request.Headers.Authorization.FirstOrDefault()) is { } detail)
            return Results.Json(new { detail }, statusCode: StatusCodes.Status403Forbidden);
        var q = ctx.Request.Query;
        var limit = int.TryParse(q["limit"], out var l) ? (l <= 0 || l > MaxPageSize ? MaxPageSize : l) : 50;
        var offset = int.TryParse(q["offset"], out var o) ? Math.Max(0, o) : 0;
        List<FakeDevice> matching;
        lock (Devices) matching = Devices.Values.Where(d => Matches(d, q)).ToList();
        var page = matching.Skip(offset).Take(limit).ToList();
        string? next = null;
        if (offset + page.Count < matching.Count)
        {
            var rest = string.Join('&', q.Where(p => p.Key is not ("limit" or "offset")).SelectMany(p => p.Value.Select(v => $"{p.Key}={Uri.EscapeDataString(v ?? "")}")));
            next = $"{BaseUrl}api/dcim/devices/?{(rest.Length > 0 ? rest + "&" : "")}limit={limit}&offset={offset + page.Count}";
        }
        var brief = q["brief"] is { Count: > 0 } b && b[0] is "true" or "1" or "True";
        var withContext = !q["exclude"].Contains("config_context");
        ctx.Response.Headers["API-Version"] = "4.6";
        return Results.Json(new
        {
            count = matching.Count,
            next,
            previous = offset > 0 ? $"{BaseUrl}api/dcim/devices/?limit={limit}&offset={Math.Max(0, offset - limit)}" : null,
            results = page.Select(d => brief ? Brief(d) : Full(d, withContext)).ToList(),
        });
    }

    /// <summary>The 403 detail NetBox gives, or null for the valid token (keyword case-insensitive; v1 "Token" or v2 "Bearer").</summary>
    private static string? Refusal(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return "Authentication credentials were not provided.";
        var parts = header.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !(parts[0].Equals("Token", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase)))
            return "Invalid token header. No credentials provided.";
        if (!parts[1].StartsWith("nbt_", StringComparison.Ordinal)) return "Invalid v1 token";
        return parts[1] == ValidToken ? null : "Invalid v2 token";
    }

    private static bool Matches(FakeDevice d, IQueryCollection q)
    {
        static bool Any(IQueryCollection q, string key, string? value) => q[key].Count == 0 || q[key].Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
        return Any(q, "site", d.Site) && Any(q, "role", d.Role) && Any(q, "status", d.Status) && Any(q, "name", d.Name)
               && q["tag"].All(t => d.Tags.Contains(t));
    }

    private static object Nested(int id, string kind, string slug) =>
        new { id, url = $"http://netbox/api/{kind}/{id}/", display = slug.ToUpperInvariant(), name = slug.ToUpperInvariant(), slug, description = "" };

    private static Dictionary<string, object?> Brief(FakeDevice d) => new()
    {
        ["id"] = d.Id, ["url"] = $"http://netbox/api/dcim/devices/{d.Id}/", ["display"] = d.Name ?? $"device {d.Id}", ["name"] = d.Name, ["description"] = "",
    };

    private static Dictionary<string, object?> Full(FakeDevice d, bool withContext)
    {
        var full = Brief(d);
        full["status"] = new { value = d.Status, label = char.ToUpperInvariant(d.Status[0]) + d.Status[1..] };
        full["site"] = Nested(d.Site.GetHashCode() & 0xffff, "dcim/sites", d.Site);
        full["role"] = Nested(1, "dcim/device-roles", d.Role);
        full["platform"] = Nested(2, "dcim/platforms", d.Platform);
        full["tenant"] = Nested(d.Tenant.GetHashCode() & 0xffff, "tenancy/tenants", d.Tenant);
        object? ip = d.Ip is null ? null : new { id = d.Id, url = $"http://netbox/api/ipam/ip-addresses/{d.Id}/", display = d.Ip, family = new { value = 4, label = "IPv4" },
            address = d.Ip, description = "", dns_name = "", nat_inside = (object?)null, nat_outside = Array.Empty<object>() };
        full["primary_ip"] = ip;
        full["primary_ip4"] = ip;
        full["primary_ip6"] = null;
        full["oob_ip"] = null;
        full["tags"] = d.Tags.Select((t, i) => new { id = i + 1, url = $"http://netbox/api/extras/tags/{i + 1}/", display = t, name = t, slug = t, color = "9e9e9e" }).ToList();
        full["custom_fields"] = new Dictionary<string, object?> { ["env"] = d.Env, ["owner"] = d.Owner, ["app"] = null };
        full["last_updated"] = "2026-11-30T10:00:00.000000Z";
        if (withContext) full["config_context"] = new { ntp = new[] { "10.0.0.1", "10.0.0.2" }, syslog = new { server = "10.0.0.3", port = 514 }, padding = new string('x', 512) };
        return full;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
