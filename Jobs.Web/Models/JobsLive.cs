using Jobs.Core.Domain;

namespace Jobs.Web.Models;

/// <summary>
/// What the dashboard script polls (<c>GET /jobs/{id}/live</c>): the header numbers, the batch table, chart series
/// and the allowed controls, in one small document built from the job row and its batch rows.
/// </summary>
public sealed record JobLiveDto(
    long Id,
    int Version,
    string Status,
    string StatusLabel,
    string StatusTone,
    bool Terminal,
    string? StopReason,
    string? Notice,
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
    /// <summary>Jobs running or awaiting approval, for the navigation bar's badge (null when not asked).</summary>
    public int? LiveJobs { get; init; }

    public static JobLiveDto From(JobSummary job)
    {
        var c = job.Counts;
        return new JobLiveDto(
            job.Id, job.Version, job.Status.ToString(), StatusText.Label(job.Status), StatusText.Tone(job.Status), job.IsTerminal, job.StopReason, JobNotice.For(job),
            c.Total, c.Pending, c.Running, c.Succeeded, c.Failed, c.TimedOut, c.Canceled, c.Skipped, c.Done, c.Ran,
            Math.Round(c.ProgressPercent, 1), Math.Round(c.SucceededPercent, 2), Math.Round(c.FailedPercent, 2),
            Math.Round(c.OtherDonePercent, 2),
            NullIfEmpty(JobsDisplay.Iso(job.StartedAt)), NullIfEmpty(JobsDisplay.Iso(job.FinishedAt)),
            JobsDisplay.Duration(job.Elapsed), EtaText(job), c.SuccessRate is { } r ? JobsDisplay.Percent(r) : null, job.StoppedAt,
            job.Controls.Select(JobControlText.Slug).ToList(),
            job.Batches.Select(b => BatchLiveDto.From(job, b)).ToList(),
            BuildTimeline(job));
    }

    public static string EtaText(JobSummary job) =>
        job.IsTerminal ? "finished" : job.Eta is { } eta ? "~" + JobsDisplay.Duration(eta) : "—";

    /// <summary>Hosts completed over time: see <see cref="Bucket"/>; read with the summary (<c>JobQueries</c>).</summary>
    public static IReadOnlyList<TimelinePoint> BuildTimeline(JobSummary job) => job.Timeline;

    /// <summary>At most this many points reach the browser, whatever the job's size.</summary>
    public const int TimelineBuckets = 60;

    /// <summary>
    /// Hosts completed over time from the hosts' own finish times (issue 9, item 14), bucketed on the server: the span
    /// from the job's start to its last finish (or now, while it runs) is cut into at most <see cref="TimelineBuckets"/>
    /// equal steps and each point is the number of hosts finished by the end of its step. True at any job size, unlike
    /// a line drawn between a few batch boundaries. x is seconds since the job started.
    /// </summary>
    public static IReadOnlyList<TimelinePoint> Bucket(IReadOnlyList<DateTime> finishedAt, DateTime start, DateTime end)
    {
        var span = Math.Max(0.5, (end - start).TotalSeconds);
        var step = span / TimelineBuckets;
        var counts = new int[TimelineBuckets];
        foreach (var f in finishedAt)
        {
            var i = (int)Math.Floor((f - start).TotalSeconds / step);
            counts[Math.Clamp(i, 0, TimelineBuckets - 1)]++;
        }
        var points = new List<TimelinePoint>(TimelineBuckets + 1) { new(0, 0) };
        var done = 0;
        for (var i = 0; i < TimelineBuckets; i++)
        {
            done += counts[i];
            points.Add(new TimelinePoint(Math.Round((i + 1) * step, 1), done));
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
    public static BatchLiveDto From(JobSummary job, BatchRow b)
    {
        var (label, tone, gate) = JobNotice.Batch(job, b);
        return new(
            b.Index, b.Size, b.Status.ToString(), label, tone,
            b.Counts.Succeeded, b.Counts.Failed, b.Counts.TimedOut, b.Counts.Running,
            b.Size - b.Counts.Succeeded - b.Counts.Failed - b.Counts.TimedOut,
            b.GatePassed, gate, JobsDisplay.Duration(b.Duration(job.Now)));
    }
}

public sealed record TimelinePoint(double X, int Y);
