namespace Jobs.Web.Models;

/// <summary>Which draft fields each step shows; errors from the engine are routed to the step that owns the field.</summary>
public static class WizardFields
{
    public static readonly IReadOnlyDictionary<WizardStep, string[]> ByStep = new Dictionary<WizardStep, string[]>
    {
        [WizardStep.Targets] = [nameof(JobDraft.Name), nameof(JobDraft.Description), nameof(JobDraft.Filter)],
        [WizardStep.Action] = [nameof(JobDraft.Executor), nameof(JobDraft.Parameters)],
        [WizardStep.Strategy] =
        [
            nameof(JobDraft.BatchPreset), nameof(JobDraft.CustomBatches), nameof(JobDraft.Parallelism),
            nameof(JobDraft.HostTimeoutSeconds), nameof(JobDraft.Stratify), nameof(JobDraft.MaxPerAppPercent),
            nameof(JobDraft.MaxFailurePercent), nameof(JobDraft.MaxTotalFailures), nameof(JobDraft.BakeSeconds),
            nameof(JobDraft.ProbeUrl), nameof(JobDraft.ProbeExpectStatus), nameof(JobDraft.ProbeJsonPath),
            nameof(JobDraft.ProbeExpectValue), nameof(JobDraft.ProbeTimeoutSeconds), nameof(JobDraft.PrometheusUrl),
            nameof(JobDraft.PrometheusQuery), nameof(JobDraft.PrometheusMax), nameof(JobDraft.ManualApproval),
            nameof(JobDraft.OnGateFailure),
        ],
        [WizardStep.Schedule] = [nameof(JobDraft.StartMode), nameof(JobDraft.StartAtLocal), nameof(JobDraft.TzOffsetMinutes)],
        [WizardStep.Review] = [],
    };

    /// <summary>
    /// Maps an engine error key (<see cref="JobValidationException.Errors"/>, camelCase as in the API body) to the
    /// wizard field that holds the value. Unknown keys land on the Review step's summary ("").
    /// </summary>
    public static string FieldFor(string key, JobDraft draft) => key switch
    {
        "name" => nameof(JobDraft.Name),
        "description" => nameof(JobDraft.Description),
        "filter" or "targets" => nameof(JobDraft.Filter),
        "executor" => nameof(JobDraft.Executor),
        _ when key == "parameters" || key.StartsWith("parameters.", StringComparison.Ordinal) => nameof(JobDraft.Parameters),
        "batches" => draft.BatchPreset == "custom" ? nameof(JobDraft.CustomBatches) : nameof(JobDraft.BatchPreset),
        "parallelism" => nameof(JobDraft.Parallelism),
        "hostTimeoutSeconds" => nameof(JobDraft.HostTimeoutSeconds),
        "stratify" => nameof(JobDraft.Stratify),
        "maxPerAppPercent" => nameof(JobDraft.MaxPerAppPercent),
        "gates.maxFailurePercent" => nameof(JobDraft.MaxFailurePercent),
        "gates.maxTotalFailures" => nameof(JobDraft.MaxTotalFailures),
        "gates.bakeSeconds" => nameof(JobDraft.BakeSeconds),
        "gates.httpProbe" or "gates.httpProbe.url" => nameof(JobDraft.ProbeUrl),
        "gates.httpProbe.expectStatus" => nameof(JobDraft.ProbeExpectStatus),
        "gates.httpProbe.jsonPath" => nameof(JobDraft.ProbeJsonPath),
        "gates.httpProbe.expectValue" => nameof(JobDraft.ProbeExpectValue),
        "gates.httpProbe.timeoutSeconds" => nameof(JobDraft.ProbeTimeoutSeconds),
        "gates.prometheus" or "gates.prometheus.url" => nameof(JobDraft.PrometheusUrl),
        "gates.prometheus.query" => nameof(JobDraft.PrometheusQuery),
        "gates.prometheus.max" => nameof(JobDraft.PrometheusMax),
        "gates.manualApproval" => nameof(JobDraft.ManualApproval),
        _ when key.StartsWith("gates", StringComparison.Ordinal) => nameof(JobDraft.MaxFailurePercent),
        "onGateFailure" => nameof(JobDraft.OnGateFailure),
        "startAt" => nameof(JobDraft.StartAtLocal),
        _ => "",
    };

    public static WizardStep StepOf(string field) =>
        ByStep.FirstOrDefault(kv => kv.Value.Contains(field)).Key is var s && s != 0 ? s : WizardStep.Review;
}
