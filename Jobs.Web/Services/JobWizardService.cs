using System.Text.Json;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Application;
using Jobs.Core.Engine;
using Jobs.Core.Execution;
using Jobs.Core.Filtering;
using Jobs.Core.Inventory;
using Jobs.Core.Persistence;
using Jobs.Web.Models;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Services;

/// <summary>
/// The server side of the create-job wizard: validates one step of a <see cref="JobDraft"/>, summarises what a filter
/// selects, and turns the draft into the <see cref="JobRequest"/> the engine validates and creates.
/// </summary>
public sealed class JobWizardService(JobsDbContext db, ServerQueries servers, IJobService jobs, IExecutorRegistry executors, Jobs.Web.Infrastructure.CurrentActor actor)
{
    public const int SampleSize = 10;

    /// <summary>
    /// Validates the fields of <paramref name="step"/> (attribute errors are already in <paramref name="modelState"/>;
    /// those of other steps are dropped here) with the engine's own rules, so a step passes only when the engine would
    /// accept those fields. Returns the preview when the engine could plan the draft.
    /// </summary>
    /// <summary>The wizard page at <paramref name="step"/> for <paramref name="draft"/>.</summary>
    public async Task<JobWizardViewModel> PageAsync(WizardStep step, JobDraft draft, JobPreview? preview, bool fresh, CancellationToken ct)
    {
        TargetSummary? targets = null;
        if (step == WizardStep.Targets && !string.IsNullOrWhiteSpace(draft.Filter)) targets = await SummariseAsync(draft.Filter, ct);
        DateTime? startAt = null;
        try { startAt = draft.StartAtUtc(); } catch (FormatException) { }
        return new JobWizardViewModel
        {
            Step = step,
            Draft = draft,
            Executors = executors.All,
            Targets = targets,
            Preview = preview,
            Warnings = step == WizardStep.Review ? Warnings(draft, preview) : [],
            StartAtUtc = startAt,
            DraftKey = "jobs.wizard.draft." + actor.Get().Name,
            Fresh = fresh,
        };
    }

    /// <summary>The step that shows first for a draft whose validation left errors (the earliest one), else Review.</summary>
    public static WizardStep FirstErrorStep(ModelStateDictionary modelState) =>
        modelState.Where(kv => kv.Value is { Errors.Count: > 0 })
            .Select(kv => kv.Key.Length == 0 ? WizardStep.Review : WizardFields.StepOf(kv.Key))
            .DefaultIfEmpty(WizardStep.Review).Min();

    public async Task<JobPreview?> ValidateStepAsync(WizardStep step, JobDraft draft, ModelStateDictionary modelState, CancellationToken ct)
    {
        var fields = WizardFields.ByStep[step];
        foreach (var key in modelState.Keys.ToList())
        {
            if (!fields.Contains(key)) modelState.Remove(key);
        }

        switch (step)
        {
            case WizardStep.Targets:
                if (!string.IsNullOrWhiteSpace(draft.Filter))
                {
                    var summary = await SummariseAsync(draft.Filter, ct);
                    if (summary.Error is { } error) modelState.AddModelError(nameof(JobDraft.Filter), error);
                    else if (summary.Targets == 0)
                        modelState.AddModelError(nameof(JobDraft.Filter), summary.Matched == 0
                            ? "No server matches this filter."
                            : $"All {summary.Matched} matching servers are offline or in maintenance; a job needs at least one online server.");
                }
                break;
            case WizardStep.Action:
                ValidateAction(draft, modelState);
                break;
            case WizardStep.Schedule:
                ValidateSchedule(draft, modelState);
                break;
        }
        // The engine has the last word on everything it knows (plan, gates, placeholders, parameters): ask it for a
        // preview of the draft as far as it goes, and keep the errors that belong to this step or an earlier one.
        // It is asked even when a field already failed here, so that every field's error shows at once (issue 9,
        // item 10); a field that already has an error keeps only that one.
        var alreadyInvalid = modelState.Where(kv => kv.Value is { Errors.Count: > 0 }).Select(kv => kv.Key).ToHashSet();
        var request = TryRequest(draft, modelState, step);
        if (request is null) return null;
        try
        {
            var preview = await jobs.PreviewAsync(request, actor.Get(), ct);
            return modelState.IsValid ? preview : null;
        }
        catch (JobValidationException ex)
        {
            foreach (var (key, messages) in ex.Errors)
            {
                var field = WizardFields.FieldFor(key, draft);
                var owner = field.Length == 0 ? WizardStep.Review : WizardFields.StepOf(field);
                if (owner > step || alreadyInvalid.Contains(field)) continue;
                foreach (var m in messages) modelState.AddModelError(field, m);
            }
            return null;
        }
    }

    private void ValidateAction(JobDraft draft, ModelStateDictionary modelState)
    {
        if (string.IsNullOrWhiteSpace(draft.Executor)) return;
        var executor = executors.Find(draft.Executor);
        if (executor is null)
        {
            modelState.AddModelError(nameof(JobDraft.Executor), $"No executor named '{draft.Executor}' is configured.");
            return;
        }
        // The executor's own parameter rules and the placeholder check run in the engine's preview below.
        if (ParseParameters(draft.Parameters, out var error) is null) modelState.AddModelError(nameof(JobDraft.Parameters), error!);
    }

    private static void ValidateSchedule(JobDraft draft, ModelStateDictionary modelState)
    {
        if (draft.StartMode is not ("now" or "at"))
        {
            modelState.AddModelError(nameof(JobDraft.StartMode), "Choose to start now or at a time.");
            return;
        }
        if (draft.StartMode == "at")
        {
            try
            {
                draft.StartAtUtc();
            }
            catch (FormatException ex)
            {
                modelState.AddModelError(nameof(JobDraft.StartAtLocal), ex.Message);
            }
        }
    }

    /// <summary>The engine request for the draft; null (with a model error) when a field cannot even be read.</summary>
    public JobRequest? TryRequest(JobDraft draft, ModelStateDictionary modelState, WizardStep upTo = WizardStep.Review)
    {
        JsonObject? parameters = null;
        if (upTo >= WizardStep.Action)
        {
            parameters = ParseParameters(draft.Parameters, out var error);
            if (parameters is null)
            {
                AddOnce(modelState, nameof(JobDraft.Parameters), error!);
                return null;
            }
        }
        DateTime? startAt = null;
        if (upTo >= WizardStep.Schedule)
        {
            try
            {
                startAt = draft.StartAtUtc();
            }
            catch (FormatException ex)
            {
                AddOnce(modelState, nameof(JobDraft.StartAtLocal), ex.Message);
                return null;
            }
        }
        // Later steps' fields are sent with their defaults so that the engine can plan; their errors are ignored
        // until the operator reaches them.
        return new JobRequest
        {
            Name = draft.Name?.Trim(),
            Description = string.IsNullOrWhiteSpace(draft.Description) ? null : draft.Description.Trim(),
            Filter = draft.Filter?.Trim(),
            Executor = upTo >= WizardStep.Action ? draft.Executor : draft.Executor ?? executors.All.FirstOrDefault()?.Name,
            Parameters = parameters ?? ParseParameters(ExampleFor(draft.Executor), out _) ?? [],
            Batches = draft.EffectiveBatches,
            Parallelism = draft.Parallelism,
            HostTimeoutSeconds = draft.HostTimeoutSeconds,
            Stratify = draft.Stratify,
            MaxPerAppPercent = draft.MaxPerAppPercent,
            Gates = Gates(draft),
            OnGateFailure = draft.OnGateFailure,
            StartAt = startAt,
        };
    }

    /// <summary>The step's own check may already have said this; every message shows once.</summary>
    private static void AddOnce(ModelStateDictionary modelState, string key, string message)
    {
        if (modelState.TryGetValue(key, out var entry) && entry.Errors.Any(e => e.ErrorMessage == message)) return;
        modelState.AddModelError(key, message);
    }

    public static GateSettings Gates(JobDraft d) => new(
        MaxFailurePercent: d.MaxFailurePercent,
        MaxTotalFailures: d.MaxTotalFailures,
        BakeSeconds: d.BakeSeconds,
        HttpProbe: string.IsNullOrWhiteSpace(d.ProbeUrl) ? null : new HttpProbeGate(d.ProbeUrl.Trim(), d.ProbeExpectStatus,
            string.IsNullOrWhiteSpace(d.ProbeJsonPath) ? null : d.ProbeJsonPath.Trim(),
            string.IsNullOrWhiteSpace(d.ProbeExpectValue) ? null : d.ProbeExpectValue.Trim(), d.ProbeTimeoutSeconds),
        Prometheus: string.IsNullOrWhiteSpace(d.PrometheusUrl) && string.IsNullOrWhiteSpace(d.PrometheusQuery) ? null
            : new PrometheusGate(d.PrometheusUrl?.Trim() ?? "", d.PrometheusQuery?.Trim() ?? "", d.PrometheusMax ?? 0),
        ManualApproval: d.ManualApproval);

    private string? ExampleFor(string? executor) =>
        (executor is null ? null : executors.Find(executor)?.Descriptor.ExampleParameters) ?? executors.All.FirstOrDefault()?.ExampleParameters;

    /// <summary>True when the inventory holds demo servers (seeded on first start), i.e. a first look rather than real work.</summary>
    public Task<bool> HasDemoServersAsync(CancellationToken ct) => db.Servers.AnyAsync(s => s.IsDemo, ct);

    /// <summary>The parameters the wizard offers for an executor: the simulator's happy path, else the executor's example.</summary>
    public static string ExampleFor(ExecutorDescriptor executor) => executor.IsSimulation ? DemoParameters.HappyPath : executor.ExampleParameters;

    /// <summary>Parses the parameters box: blank is an empty object; anything else must be a JSON object.</summary>
    public static JsonObject? ParseParameters(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return [];
        try
        {
            if (JsonNode.Parse(text) is JsonObject o) return o;
            error = "Parameters must be a JSON object, e.g. {\"command\": \"uptime\"}.";
        }
        catch (JsonException ex)
        {
            error = "Parameters: " + Jobs.Web.Infrastructure.JsonErrors.Syntax(ex);
        }
        return null;
    }

    /// <summary>What the filter selects: counts, a sample, the split by idc/env/app, and the servers that would be excluded.</summary>
    public async Task<TargetSummary> SummariseAsync(string? filterText, CancellationToken ct)
    {
        if (!HostFilter.TryParse(filterText, out var filter, out var syntax))
            return new TargetSummary(syntax.Message, 0, 0, 0, [], [], [], [], []);
        var matched = filter.Apply(db.Servers.AsNoTracking());
        var online = matched.Where(s => s.Status == ServerStatus.Online);
        var offline = matched.Where(s => s.Status != ServerStatus.Online);
        // Counts come from the inventory's own summary (one grouped scan); only the samples read rows.
        var total = await servers.CountAsync(filter, ct);
        var split = await servers.SummarizeAsync(filter.Narrow(FilterField.Status, "online"), ct);
        var targets = split.Total;
        var sample = await online.OrderBy(s => s.Hostname).Take(SampleSize)
            .Select(s => new TargetHost(s.Hostname, s.Ip, s.Idc, s.Env, s.App, s.Status.ToString())).ToListAsync(ct);
        var excluded = await offline.OrderBy(s => s.Hostname).Take(SampleSize)
            .Select(s => new TargetHost(s.Hostname, s.Ip, s.Idc, s.Env, s.App, s.Status.ToString())).ToListAsync(ct);
        static IReadOnlyList<CountBy> Top(IReadOnlyList<GroupCount> groups) => groups.Select(g => new CountBy(g.Key, g.Count)).ToList();
        return new TargetSummary(null, total, targets, total - targets, sample, excluded, Top(split.ByIdc), Top(split.ByEnv), Top(split.ByApp));
    }

    /// <summary>
    /// The Review step's warnings panel: the engine's own warnings for risky choices (no failure gate, a first batch
    /// over 10%, a destructive-looking command, excluded hosts, simulation).
    /// </summary>
    public static IReadOnlyList<string> Warnings(JobDraft draft, JobPreview? preview)
    {
        var warnings = new List<string>(preview?.Warnings ?? []);
        if (preview is null && !Gates(draft).HasFailureGate)
            warnings.Add(GateSettings.NoFailureGateWarning);
        return warnings;
    }
}
