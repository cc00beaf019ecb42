using System.Globalization;
using Jobs.Core.Domain;

namespace Jobs.Web.Models;

/// <summary>Gate settings as one line of text for people (Summary sheet, dashboard).</summary>
public static class GateText
{
    public static string Describe(GateSettings g)
    {
        var parts = new List<string>();
        if (g.MaxFailurePercent is { } p) parts.Add($"failure rate ≤ {p.ToString(CultureInfo.InvariantCulture)}% per batch");
        if (g.MaxTotalFailures is { } t) parts.Add($"at most {t} failed hosts in total");
        if (g.BakeSeconds > 0) parts.Add($"bake {JobsDisplay.Duration(TimeSpan.FromSeconds(g.BakeSeconds))}");
        if (g.HttpProbe is { } h) parts.Add($"HTTP probe {h.Url} expects {h.ExpectStatus}" + (h.JsonPath is null ? "" : $" and {h.JsonPath} = {h.ExpectValue}"));
        if (g.Prometheus is { } pr) parts.Add($"Prometheus {pr.Query} ≤ {pr.Max.ToString(CultureInfo.InvariantCulture)}");
        if (g.ManualApproval) parts.Add("manual approval");
        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }
}
