namespace Jobs.Core.Domain;

/// <summary>The one place where states get their operator-facing wording and colour class.</summary>
public static class StatusText
{
    public static string Label(JobStatus s) => s switch
    {
        JobStatus.Scheduled => "Scheduled",
        JobStatus.Running => "Running",
        JobStatus.AwaitingApproval => "Awaiting approval",
        JobStatus.Paused => "Paused",
        JobStatus.Succeeded => "Succeeded",
        JobStatus.CompletedWithFailures => "Completed with failures",
        JobStatus.Aborted => "Aborted",
        _ => s.ToString(),
    };

    public static string Label(BatchStatus s) => s switch
    {
        BatchStatus.Verifying => "Verifying",
        _ => s.ToString(),
    };

    public static string Label(HostStatus s) => s switch
    {
        HostStatus.TimedOut => "Timed out",
        _ => s.ToString(),
    };

    /// <summary>Bootstrap contextual colour for a badge.</summary>
    public static string Tone(JobStatus s) => s switch
    {
        JobStatus.Scheduled => "secondary",
        JobStatus.Running => "primary",
        JobStatus.AwaitingApproval => "info",
        JobStatus.Paused => "warning",
        JobStatus.Succeeded => "success",
        JobStatus.CompletedWithFailures => "danger",
        JobStatus.Aborted => "dark",
        _ => "secondary",
    };

    public static string Tone(BatchStatus s) => s switch
    {
        BatchStatus.Running => "primary",
        BatchStatus.Verifying => "info",
        BatchStatus.Succeeded => "success",
        BatchStatus.Failed => "danger",
        BatchStatus.Aborted => "dark",
        _ => "secondary",
    };

    public static string Tone(HostStatus s) => s switch
    {
        HostStatus.Running => "primary",
        HostStatus.Succeeded => "success",
        HostStatus.Failed => "danger",
        HostStatus.TimedOut => "warning",
        HostStatus.Canceled => "dark",
        _ => "secondary",
    };
}
