using System.ComponentModel.DataAnnotations;
using Jobs.Core.Domain;
using Jobs.Core.Application;
using Jobs.Core.Engine;
using Jobs.Core.Execution;

namespace Jobs.Web.Models;

public enum WizardStep
{
    Targets = 1,
    Action = 2,
    Strategy = 3,
    Schedule = 4,
    Review = 5,
}

/// <summary>
/// The whole create-job draft. Every step posts all of it: the current step's fields as inputs, the others as hidden
/// fields (see <c>Views/Jobs/Wizard/_Carry.cshtml</c>), so nothing is lost going Back or after an error.
/// </summary>
/// <remarks>
/// Why hidden fields rather than a server-side draft: the draft lives in the page, so two tabs hold two drafts,
/// nothing expires or needs cleaning up, a restart or a second IIS worker loses nothing, and no table is written for
/// drafts nobody finishes. It is safe because nothing in it is trusted: each step is validated on the server and the
/// final Create validates the whole request again in <see cref="IJobService"/>.
/// </remarks>
public sealed class JobDraft
{
    // Targets
    [Display(Name = "Job name")]
    [Required(ErrorMessage = "Give the job a name.")]
    [StringLength(200)]
    public string? Name { get; set; }

    [StringLength(2000)]
    public string? Description { get; set; }

    [Display(Name = "Server filter")]
    [Required(ErrorMessage = "Enter a filter, e.g. env=prod and app=order-api.")]
    [StringLength(4000)]
    public string? Filter { get; set; }

    // Action
    [Required(ErrorMessage = "Choose an executor.")]
    public string? Executor { get; set; }

    [Display(Name = "Parameters (JSON)")]
    public string? Parameters { get; set; }

    // Strategy
    /// <summary>One of <see cref="BatchPresets"/> or <c>custom</c>.</summary>
    public string BatchPreset { get; set; } = "1%,5%,10%";

    [Display(Name = "Custom batch plan")]
    [StringLength(200)]
    public string? CustomBatches { get; set; }

    [Range(1, JobLimits.MaxParallelism, ErrorMessage = "Parallelism is between 1 and " + JobLimits.MaxParallelismText + " hosts.")]
    public int Parallelism { get; set; } = 20;

    [Display(Name = "Host timeout (seconds)")]
    [Range(1, 86_400, ErrorMessage = "The host timeout is between 1 second and 24 hours.")]
    public int HostTimeoutSeconds { get; set; } = 600;

    public bool Stratify { get; set; } = true;

    [Display(Name = "Max per app %")]
    [Range(typeof(decimal), "0.01", "100", ErrorMessage = "Max per app is a percentage above 0 and at most 100.")]
    public decimal? MaxPerAppPercent { get; set; }

    [Display(Name = "Max failure % per batch")]
    [Range(typeof(decimal), "0", "100", ErrorMessage = "The failure threshold is a percentage from 0 to 100.")]
    public decimal? MaxFailurePercent { get; set; } = 10;

    [Display(Name = "Max failed hosts in total")]
    [Range(0, int.MaxValue, ErrorMessage = "Max failed hosts cannot be negative.")]
    public int? MaxTotalFailures { get; set; }

    [Display(Name = "Bake time (seconds)")]
    [Range(0, 86_400, ErrorMessage = "The bake time is between 0 seconds and 24 hours.")]
    public int BakeSeconds { get; set; }

    [Display(Name = "Probe URL")]
    [StringLength(2000)]
    public string? ProbeUrl { get; set; }

    [Display(Name = "Expected status")]
    [Range(100, 599, ErrorMessage = "The expected status is an HTTP status code (100–599).")]
    public int ProbeExpectStatus { get; set; } = 200;

    [Display(Name = "JSON path")]
    public string? ProbeJsonPath { get; set; }

    [Display(Name = "Expected value")]
    public string? ProbeExpectValue { get; set; }

    [Display(Name = "Probe timeout (seconds)")]
    [Range(1, 300, ErrorMessage = "The probe timeout is between 1 and 300 seconds.")]
    public int ProbeTimeoutSeconds { get; set; } = 5;

    [Display(Name = "Prometheus URL")]
    [StringLength(2000)]
    public string? PrometheusUrl { get; set; }

    [Display(Name = "PromQL query")]
    [StringLength(4000)]
    public string? PrometheusQuery { get; set; }

    [Display(Name = "Max value")]
    public double? PrometheusMax { get; set; }

    [Display(Name = "Manual approval between batches")]
    public bool ManualApproval { get; set; }

    public GateFailureAction OnGateFailure { get; set; } = GateFailureAction.Pause;

    // Schedule
    /// <summary><c>now</c> or <c>at</c>.</summary>
    public string StartMode { get; set; } = "now";

    /// <summary>The wall-clock time the operator typed (<c>yyyy-MM-ddTHH:mm</c>), in their browser's time zone.</summary>
    [Display(Name = "Start at")]
    public string? StartAtLocal { get; set; }

    /// <summary>
    /// Generated each time the Review step renders and posted back by Create: a double-clicked or resent Create
    /// makes one job (<see cref="IJobService.CreateOnceAsync"/>).
    /// Not carried between steps: coming back to Review means a new key.
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>
    /// The browser's UTC offset in minutes at <see cref="StartAtLocal"/> (JavaScript's <c>-getTimezoneOffset()</c>),
    /// set by script; without JavaScript it stays empty and the time is taken as UTC (the page says so).
    /// </summary>
    public int? TzOffsetMinutes { get; set; }

    // Origin
    /// <summary>The template (and version) this draft was rendered from, recorded on the job; checked on Create.</summary>
    public long? TemplateId { get; set; }

    public int? TemplateVersion { get; set; }

    public static readonly IReadOnlyList<string> BatchPresets = ["1%,5%,10%", "10%", "25%"];

    /// <summary>
    /// A draft with everything <paramref name="job"/> was created with ("Run again", issue 9), to start the same job
    /// anew: the operator reviews each step; the targets are selected afresh by the filter.
    /// </summary>
    public static JobDraft From(JobSummary job)
    {
        var draft = From(new JobRequest
        {
            Name = job.Name.Length > 190 ? job.Name[..190] : job.Name + " (again)",
            Description = job.Description, Filter = job.Filter, Executor = job.Executor, Batches = job.BatchPlan,
            Parallelism = job.Parallelism, HostTimeoutSeconds = job.HostTimeoutSeconds, Stratify = job.Stratify,
            MaxPerAppPercent = job.MaxPerAppPercent, Gates = job.Gates, OnGateFailure = job.OnGateFailure,
        });
        draft.Parameters = job.ParametersJson;
        return draft;
    }

    /// <summary>A draft with every setting of <paramref name="r"/> (a rendered template, or a past job), defaults where it
    /// says nothing, as the API would apply them.</summary>
    public static JobDraft From(JobRequest r)
    {
        var g = r.Gates ?? GateSettings.Default;
        var plan = r.Batches?.Trim() ?? "";
        var preset = BatchPresets.Contains(plan) ? plan : "custom";
        return new JobDraft
        {
            Name = r.Name,
            Description = r.Description,
            Filter = r.Filter,
            Executor = r.Executor,
            Parameters = (r.Parameters ?? []).ToJsonString(),
            BatchPreset = preset,
            CustomBatches = preset == "custom" ? plan : null,
            Parallelism = r.Parallelism ?? 20,
            HostTimeoutSeconds = r.HostTimeoutSeconds ?? 600,
            Stratify = r.Stratify ?? true,
            MaxPerAppPercent = r.MaxPerAppPercent,
            MaxFailurePercent = g.MaxFailurePercent,
            MaxTotalFailures = g.MaxTotalFailures,
            BakeSeconds = g.BakeSeconds,
            ProbeUrl = g.HttpProbe?.Url,
            ProbeExpectStatus = g.HttpProbe?.ExpectStatus ?? 200,
            ProbeJsonPath = g.HttpProbe?.JsonPath,
            ProbeExpectValue = g.HttpProbe?.ExpectValue,
            ProbeTimeoutSeconds = g.HttpProbe?.TimeoutSeconds ?? 5,
            PrometheusUrl = g.Prometheus?.Url,
            PrometheusQuery = g.Prometheus?.Query,
            PrometheusMax = g.Prometheus?.Max,
            ManualApproval = g.ManualApproval,
            OnGateFailure = r.OnGateFailure ?? GateFailureAction.Pause,
        };
    }

    public string EffectiveBatches => BatchPreset == "custom" ? CustomBatches?.Trim() ?? "" : BatchPreset;

    /// <summary>The start time in UTC, or null for "now". Throws <see cref="FormatException"/> on an unreadable time.</summary>
    public DateTime? StartAtUtc()
    {
        if (StartMode != "at") return null;
        if (!DateTime.TryParseExact(StartAtLocal?.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"],
                System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local))
            throw new FormatException("Enter the start time as date and time.");
        return DateTime.SpecifyKind(local.AddMinutes(-(TzOffsetMinutes ?? 0)), DateTimeKind.Utc);
    }
}

/// <summary>Live/recount summary of what a filter selects (Targets step).</summary>
public sealed record TargetSummary(
    string? Error,
    int Matched,
    int Targets,
    int Excluded,
    IReadOnlyList<TargetHost> Sample,
    IReadOnlyList<TargetHost> ExcludedSample,
    IReadOnlyList<CountBy> ByIdc,
    IReadOnlyList<CountBy> ByEnv,
    IReadOnlyList<CountBy> ByApp);

public sealed record TargetHost(string Hostname, string Ip, string Idc, string Env, string App, string Status);

public sealed record CountBy(string Value, int Count);

public sealed class JobWizardViewModel
{
    public required WizardStep Step { get; init; }
    public required JobDraft Draft { get; init; }
    public required IReadOnlyList<ExecutorDescriptor> Executors { get; init; }
    public TargetSummary? Targets { get; init; }
    public JobPreview? Preview { get; init; }
    /// <summary>Warnings computed by the page for risky choices, in addition to the engine's.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>The start time as UTC, for the Review step.</summary>
    public DateTime? StartAtUtc { get; init; }
    /// <summary>
    /// Where the browser keeps this operator's unfinished draft (issue 9, item 12): one per signed-in name, so two
    /// people sharing a browser do not see each other's drafts.
    /// </summary>
    public string DraftKey { get; init; } = "";
    /// <summary>A new, empty wizard (GET /jobs/new): the page offers to continue a kept draft instead.</summary>
    public bool Fresh { get; init; }

    public static readonly IReadOnlyList<string> Placeholders =
        ["{{host.hostname}}", "{{host.ip}}", "{{host.idc}}", "{{host.env}}", "{{host.app}}", "{{job.id}}", "{{batch.index}}"];
}

public static class JobDraftFields
{
    /// <summary>Every draft field with its value as the form posts it (invariant culture), for the hidden carry fields.</summary>
    public static IEnumerable<(string Name, string? Value)> All(JobDraft d)
    {
        static string? N(IFormattable? v) => v?.ToString(null, System.Globalization.CultureInfo.InvariantCulture);
        yield return (nameof(d.Name), d.Name);
        yield return (nameof(d.Description), d.Description);
        yield return (nameof(d.Filter), d.Filter);
        yield return (nameof(d.Executor), d.Executor);
        yield return (nameof(d.Parameters), d.Parameters);
        yield return (nameof(d.BatchPreset), d.BatchPreset);
        yield return (nameof(d.CustomBatches), d.CustomBatches);
        yield return (nameof(d.Parallelism), N(d.Parallelism));
        yield return (nameof(d.HostTimeoutSeconds), N(d.HostTimeoutSeconds));
        yield return (nameof(d.Stratify), d.Stratify ? "true" : "false");
        yield return (nameof(d.MaxPerAppPercent), N(d.MaxPerAppPercent));
        yield return (nameof(d.MaxFailurePercent), N(d.MaxFailurePercent));
        yield return (nameof(d.MaxTotalFailures), N(d.MaxTotalFailures));
        yield return (nameof(d.BakeSeconds), N(d.BakeSeconds));
        yield return (nameof(d.ProbeUrl), d.ProbeUrl);
        yield return (nameof(d.ProbeExpectStatus), N(d.ProbeExpectStatus));
        yield return (nameof(d.ProbeJsonPath), d.ProbeJsonPath);
        yield return (nameof(d.ProbeExpectValue), d.ProbeExpectValue);
        yield return (nameof(d.ProbeTimeoutSeconds), N(d.ProbeTimeoutSeconds));
        yield return (nameof(d.PrometheusUrl), d.PrometheusUrl);
        yield return (nameof(d.PrometheusQuery), d.PrometheusQuery);
        yield return (nameof(d.PrometheusMax), N(d.PrometheusMax));
        yield return (nameof(d.ManualApproval), d.ManualApproval ? "true" : "false");
        yield return (nameof(d.OnGateFailure), d.OnGateFailure.ToString());
        yield return (nameof(d.StartMode), d.StartMode);
        yield return (nameof(d.StartAtLocal), d.StartAtLocal);
        yield return (nameof(d.TzOffsetMinutes), N(d.TzOffsetMinutes));
        yield return (nameof(d.TemplateId), N(d.TemplateId));
        yield return (nameof(d.TemplateVersion), N(d.TemplateVersion));
    }
}
