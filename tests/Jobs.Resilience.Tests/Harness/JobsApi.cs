using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Jobs.Testing;

namespace Jobs.Resilience.Tests.Harness;

/// <summary>The JSON API of one node, called with the bootstrap admin's API key. Only what a client sees: no internals.</summary>
public sealed class JobsApi : IDisposable
{
    public static readonly IReadOnlySet<string> Terminal = new HashSet<string>(["Succeeded", "CompletedWithFailures", "Failed", "Aborted"]);

    public JobsApi(HttpClient http)
    {
        Http = http;
        Http.DefaultRequestHeaders.Add(TestSecurity.ApiKeyHeader, TestSecurity.AdminApiKey);
    }

    public HttpClient Http { get; }

    /// <summary>Imports <paramref name="count"/> online servers named <c>{app}-{n:D5}</c> with app <paramref name="app"/>.</summary>
    public async Task ImportServersAsync(string app, int count, int ipBase = 0)
    {
        var csv = new StringBuilder("hostname,ip,idc,env,app,role,os,status,owner,tags\n");
        for (var i = 0; i < count; i++)
        {
            var n = ipBase + i;
            csv.Append($"{app}-{i:D5},10.{n / 65536 % 256}.{n / 256 % 256}.{n % 256},dc{i % 3},test,{app},web,linux,online,ops,\n");
        }
        using var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        using var response = await Http.PostAsync("/api/v1/servers/import", content);
        Assert.True(response.IsSuccessStatusCode, $"import {app}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A job over the servers of one app, no gate that a lost host would trip (kills make "outcome unknown" failures).</summary>
    public static JsonObject Request(string name, string app, string executor, JsonObject parameters, string batches = "10%,30%", int parallelism = 20) => new()
    {
        ["name"] = name,
        ["filter"] = $"app={app}",
        ["executor"] = executor,
        ["parameters"] = parameters,
        ["batches"] = batches,
        ["parallelism"] = parallelism,
        ["hostTimeoutSeconds"] = 120,
        ["stratify"] = false,
        ["gates"] = new JsonObject(),
        ["onGateFailure"] = "pause",
    };

    public async Task<long> CreateJobAsync(JsonObject request)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/jobs", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create job: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<long>();
    }

    public async Task<JsonObject> GetJobAsync(long id) => JsonNode.Parse(await Http.GetStringAsync($"/api/v1/jobs/{id}"))!.AsObject();

    public static string Status(JsonObject job) => job["status"]!.GetValue<string>();

    public static int Total(JsonObject job, string counter) => job["totals"]![counter]!.GetValue<int>();

    /// <summary>Hosts that have a verdict or were skipped/canceled: how far the job got.</summary>
    public static int Done(JsonObject job) =>
        new[] { "succeeded", "failed", "timedOut", "canceled", "skipped" }.Sum(c => Total(job, c));

    public async Task<List<HostRow>> HostsAsync(long id)
    {
        var hosts = new List<HostRow>();
        while (true)
        {
            var page = JsonNode.Parse(await Http.GetStringAsync($"/api/v1/jobs/{id}/hosts?skip={hosts.Count}&take=500"))!;
            var items = page["items"]!.AsArray();
            hosts.AddRange(items.Select(h => new HostRow(h!["hostname"]!.GetValue<string>(), h["status"]!.GetValue<string>(),
                h["category"]?.GetValue<string>(), h["stderr"]?.GetValue<string>() ?? "", h["attempt"]!.GetValue<int>())));
            if (items.Count == 0 || hosts.Count >= page["total"]!.GetValue<int>()) return hosts;
        }
    }

    public async Task PostAsync(string path)
    {
        using var response = await Http.PostAsync(path, null);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Polls the job until <paramref name="until"/> holds; fails after <paramref name="timeout"/> with the job's state.</summary>
    public async Task<JsonObject> WaitAsync(long id, Func<JsonObject, bool> until, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var job = await GetJobAsync(id);
            if (until(job)) return job;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {timeout} waiting for {what}; job {id} is {job.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    public void Dispose() => Http.Dispose();
}

public sealed record HostRow(string Hostname, string Status, string? Category, string Stderr, int Attempt);
