using Jobs.Core.Domain;

namespace Jobs.Web.Models;

/// <summary>
/// What the dashboard script polls (<c>GET /jobs/{id}/live</c>): the header numbers, the batch table, chart series
/// and the allowed controls, in one small document built from the job row and its batch rows.
/// </summary>
public sealed record JobLiveDto(
    long Id,
    string Status,
    string StatusLabel,
    string StatusTone,
    bool Terminal,
    string? StopReason,
    int Total,
    int Pending,
    int Running,
    int Succeeded,
    int Failed,
    int TimedOut,
    int Canceled,
    int Skipped,
    int Done,
    int Ran,
    double ProgressPercent,
    double SucceededPercent,
    double FailedPercent,
    double OtherDonePercent,
    string? StartedAt,
    string? FinishedAt,
    string Elapsed,
    string Eta,
    string? SuccessRate,
    string? StoppedAt,
    IReadOnlyList<string> Allowed,
    IReadOnlyList<BatchLiveDto> Batches,
    IReadOnlyList<TimelinePoint> Timeline)
{
    public static JobLiveDto From(JobSummary job)
    {
        var c = job.Counts;
        return new JobLiveDto(
            job.Id, job.Status.ToString(), StatusText.Label(job.Status), StatusText.Tone(job.Status), job.IsTerminal, job.StopReason,
            c.Total, c.Pending, c.Running, c.Succeeded, c.Failed, c.TimedOut, c.Canceled, c.Skipped, c.Done, c.Ran,
            Math.Round(c.ProgressPercent, 1), Math.Round(c.SucceededPercent, 2), Math.Round(c.FailedPercent, 2),
            Math.Round(c.OtherDonePercent, 2),
            NullIfEmpty(JobsDisplay.Iso(job.StartedAt)), NullIfEmpty(JobsDisplay.Iso(job.FinishedAt)),
            JobsDisplay.Duration(job.Elapsed), EtaText(job), c.SuccessRate is { } r ? JobsDisplay.Percent(r) : null, job.StoppedAt,
            job.Controls.Select(JobControlText.Slug).ToList(),
            job.Batches.Select(b => BatchLiveDto.From(b, job.Now)).ToList(),
            BuildTimeline(job));
    }

    public static string EtaText(JobSummary job) =>
        job.IsTerminal ? "finished" : job.Eta is { } eta ? "~" + JobsDisplay.Duration(eta) : "—";

    /// <summary>
    /// Hosts completed over time, from the batch rows only: each started batch contributes a point when it started
    /// (hosts done before it) and one when it finished — or now, while it runs — with its own finished hosts added.
    /// The x value is seconds since the job started.
    /// </summary>
    public static IReadOnlyList<TimelinePoint> BuildTimeline(JobSummary job)
    {
        if (job.StartedAt is not { } start) return [];
        var points = new List<TimelinePoint> { new(0, 0) };
        var done = 0;
        foreach (var b in job.Batches.Where(b => b.StartedAt is not null).OrderBy(b => b.StartedAt))
        {
            points.Add(new TimelinePoint(Seconds(b.StartedAt!.Value - start), done));
            done += b.Counts.Done;
            var end = b.FinishedAt ?? (job.IsTerminal ? job.FinishedAt ?? job.Now : job.Now);
            points.Add(new TimelinePoint(Seconds(end - start), done));
        }
        return points;
    }

    private static double Seconds(TimeSpan t) => Math.Round(Math.Max(0, t.TotalSeconds), 1);

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}

public sealed record BatchLiveDto(
    int Index,
    int Size,
    string Status,
    string StatusLabel,
    string StatusTone,
    int Succeeded,
    int Failed,
    int TimedOut,
    int Running,
    int Other,
    bool? GatePassed,
    string? GateReason,
    string Duration)
{
    public static BatchLiveDto From(BatchRow b, DateTime now) => new(
        b.Index, b.Size, b.Status.ToString(), StatusText.Label(b.Status), StatusText.Tone(b.Status),
        b.Counts.Succeeded, b.Counts.Failed, b.Counts.TimedOut, b.Counts.Running,
        b.Size - b.Counts.Succeeded - b.Counts.Failed - b.Counts.TimedOut,
        b.GatePassed, b.GateReason, JobsDisplay.Duration(b.Duration(now)));
}

public sealed record TimelinePoint(double X, int Y);
