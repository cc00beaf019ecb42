using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Executors.Tests.Fakes;

/// <summary>One request as the fake received it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public DateTime At { get; } = DateTime.UtcNow;
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 for one fake API. State lives in the fake object, so <see cref="StopAsync"/> followed by
/// <see cref="StartAsync"/> is "the API went down and came back on the same port". Faults can be injected per path.
/// </summary>
public abstract class FakeServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Fault> _faults = new();
    private WebApplication? _app;

    public int Port { get; private set; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public bool IsRunning => _app is not null;

    /// <summary>A standing rule (e.g. "reset a third of the creates, seeded"): a request it picks is reset before it is handled.</summary>
    public Func<HttpRequest, bool>? ResetBeforeHandlingIf { get; set; }

    public async Task StartAsync()
    {
        if (_app is not null) return;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = Port;
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Use(async (ctx, next) =>
        {
            ctx.Request.EnableBuffering();
            var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            ctx.Request.Body.Position = 0;
            Requests.Enqueue(new RecordedRequest(ctx.Request.Method, ctx.Request.Path, ctx.Request.QueryString.Value ?? "", body,
                ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            if (ResetBeforeHandlingIf?.Invoke(ctx.Request) == true)
            {
                ctx.Abort();
                return;
            }
            if (TakeFault(ctx.Request.Method, ctx.Request.Path, body) is { } fault)
            {
                if (!fault.AfterHandling)
                {
                    await fault.Apply(ctx, []);
                    return;
                }
                // The request is handled (the execution is created), then the fault decides what the client gets.
                var wire = ctx.Response.Body;
                using var answer = new MemoryStream();
                ctx.Response.Body = answer;
                await next(ctx);
                ctx.Response.Body = wire;
                await fault.Apply(ctx, answer.ToArray());
                return;
            }
            await next(ctx);
        });
        Map(app);
        await app.StartAsync();
        Port = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a).Port).First();
        _app = app;
    }

    /// <summary>Stops listening: calls now get "connection refused".</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        var app = _app;
        _app = null;
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>
    /// The API is gone (connection refused) for <paramref name="window"/> and then back on the same port with its state.
    /// Returns when it is back.
    /// </summary>
    public async Task OutageAsync(TimeSpan window)
    {
        await StopAsync();
        await Task.Delay(window);
        await StartAsync();
    }

    /// <summary>The connection is reset before the request is handled: nothing was done.</summary>
    public void ResetBeforeHandling(string method, string pathPrefix, int times = 1, Func<string, bool>? when = null) =>
        InjectFault(method, pathPrefix, ctx => { ctx.Abort(); return Task.CompletedTask; }, times, when);

    /// <summary>The request is handled (work created), then the connection is reset instead of answering.</summary>
    public void ResetAfterHandling(string method, string pathPrefix, int times = 1, Func<string, bool>? when = null) =>
        InjectAfterHandling(method, pathPrefix, (ctx, _) => { ctx.Abort(); return Task.CompletedTask; }, times, when);

    /// <summary>The request is handled, then the answer comes only after <paramref name="delay"/> (past the client's timeout).</summary>
    public void SlowAfterHandling(string method, string pathPrefix, TimeSpan delay, int times = 1, Func<string, bool>? when = null) =>
        InjectAfterHandling(method, pathPrefix, async (ctx, answer) =>
        {
            try { await Task.Delay(delay, ctx.RequestAborted); } catch (OperationCanceledException) { return; }
            await ctx.Response.Body.WriteAsync(answer);
        }, times, when);

    /// <summary>The request is handled, then the answer's body is cut into malformed JSON.</summary>
    public void MalformedAfterHandling(string method, string pathPrefix, int times = 1, Func<string, bool>? when = null) =>
        InjectAfterHandling(method, pathPrefix, async (ctx, answer) =>
        {
            ctx.Response.ContentLength = null;
            await ctx.Response.Body.WriteAsync(answer.AsMemory(0, answer.Length / 2));
        }, times, when);

    /// <summary>As <see cref="InjectFault"/>, but <paramref name="apply"/> runs after the request was handled, with the real answer.</summary>
    public void InjectAfterHandling(string method, string pathPrefix, Func<HttpContext, byte[], Task> apply, int times = 1, Func<string, bool>? when = null)
    {
        for (var i = 0; i < times; i++) _faults.Enqueue(new Fault(method, pathPrefix, apply, afterHandling: true) { When = when });
    }

    /// <summary>The next <paramref name="times"/> requests matching <paramref name="method"/> and <paramref name="pathPrefix"/> get this answer.</summary>
    public void InjectFault(string method, string pathPrefix, Func<HttpContext, Task> apply, int times = 1, Func<string, bool>? when = null)
    {
        for (var i = 0; i < times; i++) _faults.Enqueue(new Fault(method, pathPrefix, (ctx, _) => apply(ctx), afterHandling: false) { When = when });
    }

    public void FailWith(string method, string pathPrefix, int status, string body, string contentType = "application/json", int times = 1,
        Func<string, bool>? when = null) =>
        InjectFault(method, pathPrefix, async ctx =>
        {
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = contentType;
            await ctx.Response.WriteAsync(body);
        }, times, when);

    /// <summary>Answers only after <paramref name="delay"/> (a slow API past the client's timeout).</summary>
    public void Slow(string method, string pathPrefix, TimeSpan delay, int times = 1) =>
        InjectFault(method, pathPrefix, async ctx =>
        {
            try { await Task.Delay(delay, ctx.RequestAborted); } catch (OperationCanceledException) { return; }
            ctx.Response.StatusCode = 503;
        }, times);

    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string pathPrefix) =>
        Requests.Where(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

    protected abstract void Map(WebApplication app);

    protected static async Task<JsonNode?> ReadJsonAsync(HttpRequest request)
    {
        var text = await new StreamReader(request.Body).ReadToEndAsync();
        return JsonNode.Parse(text);
    }

    protected static IResult Json(JsonNode body, int status = 200) =>
        Results.Text(body.ToJsonString(), "application/json", statusCode: status);

    private Fault? TakeFault(string method, string path, string body)
    {
        // Faults are few and tests are sequential per fake; a linear scan keeps the order of injection.
        foreach (var f in _faults)
        {
            if (f.Method == method && path.StartsWith(f.PathPrefix, StringComparison.Ordinal) && (f.When?.Invoke(body) ?? true) && f.TryTake()) return f;
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        GC.SuppressFinalize(this);
    }

    private sealed class Fault(string method, string pathPrefix, Func<HttpContext, byte[], Task> apply, bool afterHandling)
    {
        private int _taken;
        public string Method { get; } = method;
        public string PathPrefix { get; } = pathPrefix;
        public bool AfterHandling { get; } = afterHandling;
        /// <summary>Only requests whose body it accepts (e.g. salt's <c>local_async</c> among the <c>POST /</c> calls).</summary>
        public Func<string, bool>? When { get; init; }
        public Task Apply(HttpContext ctx, byte[] answer) => apply(ctx, answer);
        public bool TryTake() => Interlocked.Exchange(ref _taken, 1) == 0;
    }
}
