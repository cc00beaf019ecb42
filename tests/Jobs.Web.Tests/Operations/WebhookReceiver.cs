using System.Collections.Concurrent;
using Jobs.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Jobs.Web.Tests.Operations;

/// <summary>A fake webhook receiver on 127.0.0.1 (real Kestrel): records every POST and answers 500 to the first
/// <see cref="FailFirst"/> posts of each path, 200 after. Assertions run outside, on <see cref="Received"/>.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _seen = new();
    private TestHttpServer _server = null!;

    public ConcurrentQueue<(string Path, string Body, int Answer)> Received { get; } = new();

    /// <summary>Answer 500 to this many posts of each path before answering 200.</summary>
    public int FailFirst { get; init; }

    public string Url => _server.Url;

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var receiver = new WebhookReceiver { FailFirst = failFirst };
        receiver._server = await TestHttpServer.StartAsync(app => app.MapPost("/hooks/{name}/{token}", async (HttpContext ctx, string name) =>
        {
            var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            var n = receiver._seen.AddOrUpdate(name, 1, (_, v) => v + 1);
            var answer = n <= receiver.FailFirst ? 500 : 200;
            receiver.Received.Enqueue((name, body, answer));
            return Results.StatusCode(answer);
        }));
        return receiver;
    }

    /// <summary>A webhook URL with a token in its path, as Slack's are.</summary>
    public string Hook(string name) => $"{Url}/hooks/{name}/secret-token-{name}";

    /// <summary>Waits (bounded) until <paramref name="until"/> holds over what was received.</summary>
    public async Task WaitAsync(Func<IReadOnlyCollection<(string Path, string Body, int Answer)>, bool> until, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (!until(Received.ToArray()))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}; received {Received.Count} posts");
            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
