using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Core.Gates;
using Jobs.Core.Templating;
using Jobs.Core.Planning;
using Jobs.Core.Engine;

namespace Jobs.Core.Application;

/// <summary>Checks every field of a <see cref="JobRequest"/> that can be checked without the database and collects
/// per-field messages (keys as in the API body, camelCase).</summary>
internal sealed class JobRequestValidator(IExecutorRegistry executors, TimeProvider clock)
{
    /// <summary>startAt may lie this far in the past (clock skew, time to fill in the form).</summary>
    public static readonly TimeSpan StartAtTolerance = TimeSpan.FromMinutes(2);

    private readonly FieldErrors _errors = new();

    public bool HasErrors => _errors.HasErrors;

    public void Add(string field, string message) => _errors.Add(field, message);

    public JobValidationException ToException() => _errors.ToException();

    /// <summary>Validates the request; returns the definition when every field is valid (filter syntax is checked by the caller).</summary>
    public (JobDefinition? Definition, BatchPlan? Plan, IExecutor? Executor) Validate(JobRequest r)
    {
        var name = r.Name?.Trim() ?? "";
        if (name.Length == 0) Add("name", "A name is required.");
        else if (name.Length > 200) Add("name", "The name is longer than 200 characters.");
        if (r.Description is { Length: > 2000 }) Add("description", "The description is longer than 2000 characters.");
        if (string.IsNullOrWhiteSpace(r.Filter)) Add("filter", "A filter is required, e.g. env=prod and app=order-api.");
        else if (r.Filter.Length > 4000) Add("filter", "The filter is longer than 4000 characters.");

        IExecutor? executor = null;
        if (string.IsNullOrWhiteSpace(r.Executor)) Add("executor", "Choose an executor.");
        else if ((executor = executors.Find(r.Executor.Trim())) is null)
            Add("executor", $"There is no executor named '{r.Executor}'. Configured: {string.Join(", ", executors.All.Select(e => e.Name))}.");

        var parameters = r.Parameters ?? [];
        foreach (var unknown in Placeholders.Unknown(parameters))
            Add("parameters", $"Unknown placeholder {{{{{unknown}}}}}; use {string.Join(", ", Placeholders.Known.Select(k => "{{" + k + "}}"))}.");
        if (executor is not null)
            foreach (var message in executor.ValidateParameters(parameters)) Add("parameters", message);

        BatchPlan.TryParse(r.Batches, out var plan, out var planError);
        if (planError is not null) Add("batches", planError);

        var parallelism = r.Parallelism ?? 20;
        if (parallelism is < 1 or > JobLimits.MaxParallelism)
            Add("parallelism", $"Parallelism must be between 1 and {JobLimits.MaxParallelismText} hosts in flight.");
        var timeout = r.HostTimeoutSeconds ?? 600;
        if (timeout is < 1 or > 86_400) Add("hostTimeoutSeconds", "The host timeout must be between 1 and 86400 seconds.");
        if (r.MaxPerAppPercent is { } m && (m <= 0 || m > 100)) Add("maxPerAppPercent", "maxPerAppPercent must be above 0 and at most 100.");

        var gates = r.Gates ?? GateSettings.Default;
        ValidateGates(gates);

        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? startAt = r.StartAt is { } s ? (s.Kind == DateTimeKind.Local ? s.ToUniversalTime() : DateTime.SpecifyKind(s, DateTimeKind.Utc)) : null;
        // A time without an offset is read differently by every client; guessing UTC could start a job hours early.
        if (r.StartAt is { Kind: DateTimeKind.Unspecified } bare)
            Add("startAt", $"startAt '{bare:yyyy-MM-ddTHH:mm:ss}' has no time zone; end it with Z for UTC or an offset, e.g. {bare:yyyy-MM-ddTHH:mm:ss}Z or {bare:yyyy-MM-ddTHH:mm:ss}+08:00.");
        else if (startAt is { } at)
        {
            if (at < now - StartAtTolerance) Add("startAt", $"startAt {at:yyyy-MM-dd HH:mm} UTC is in the past; leave it empty to start now.");
            else if (at > now.AddDays(366)) Add("startAt", "startAt is more than a year ahead.");
        }

        if (HasErrors || plan is null || executor is null) return (null, plan, executor);
        var definition = new JobDefinition(name, r.Description?.Trim(), r.Filter!.Trim(), executor.Name,
            parameters.ToJsonString(), plan.ToString(), parallelism, timeout, r.Stratify ?? true, r.MaxPerAppPercent,
            gates, r.OnGateFailure ?? GateFailureAction.Pause, startAt);
        return (definition, plan, executor);
    }

    private void ValidateGates(GateSettings g)
    {
        if (g.MaxFailurePercent is { } p && (p < 0 || p > 100)) Add("gates.maxFailurePercent", "maxFailurePercent must be between 0 and 100.");
        if (g.MaxTotalFailures is < 0) Add("gates.maxTotalFailures", "maxTotalFailures cannot be negative.");
        if (g.BakeSeconds is < 0 or > 86_400) Add("gates.bakeSeconds", "bakeSeconds must be between 0 and 86400.");
        if (g.HttpProbe is { } probe)
        {
            ValidateUrl("gates.httpProbe.url", probe.Url);
            if (probe.ExpectStatus is < 100 or > 599) Add("gates.httpProbe.expectStatus", "expectStatus must be an HTTP status between 100 and 599.");
            if (probe.TimeoutSeconds is < 1 or > 300) Add("gates.httpProbe.timeoutSeconds", "timeoutSeconds must be between 1 and 300.");
            if (probe.JsonPath is { Length: > 0 } path)
            {
                if (JsonPathLite.Parse(path, out var error) is null)
                    Add("gates.httpProbe.jsonPath", $"Unsupported JSON path '{path}': {error}. Use $.a.b or $.a[0].b.");
                if (probe.ExpectValue is null) Add("gates.httpProbe.expectValue", "Give the value the JSON path must have.");
            }
            else if (probe.ExpectValue is not null) Add("gates.httpProbe.jsonPath", "expectValue needs a jsonPath to compare against.");
        }
        if (g.Prometheus is { } prom)
        {
            ValidateUrl("gates.prometheus.url", prom.Url, allowPlaceholders: false);
            if (string.IsNullOrWhiteSpace(prom.Query)) Add("gates.prometheus.query", "A PromQL query is required.");
            if (double.IsNaN(prom.Max) || double.IsInfinity(prom.Max)) Add("gates.prometheus.max", "max must be a finite number.");
        }
    }

    private void ValidateUrl(string field, string? url, bool allowPlaceholders = true)
    {
        if (string.IsNullOrWhiteSpace(url)) { Add(field, "A URL is required."); return; }
        var unknown = Placeholders.Unknown(url).ToList();
        foreach (var u in unknown) Add(field, $"Unknown placeholder {{{{{u}}}}}.");
        if (!allowPlaceholders && url.Contains("{{", StringComparison.Ordinal)) { Add(field, "Placeholders are not allowed here."); return; }
        var sample = Placeholders.Render(url, new PlaceholderValues("host-1", "127.0.0.1", "idc", "env", "app", 1, 1));
        if (!Uri.TryCreate(sample, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            Add(field, $"'{url}' is not an absolute http or https URL.");
    }
}
