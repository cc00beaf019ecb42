namespace Jobs.Core.Domain;

/// <summary>
/// One host of a job: a frozen copy of the CMDB record taken at creation plus the current attempt's result.
/// Earlier attempts are kept as <see cref="HostAttempt"/> rows.
/// </summary>
public sealed class HostTask
{
    private HostTask() { } // EF

    public HostTask(long jobId, long batchId, int batchIndex, int position, string hostname, string ip, string idc, string env, string app)
    {
        JobId = jobId;
        BatchId = batchId;
        BatchIndex = batchIndex;
        Position = position;
        Hostname = hostname;
        Ip = ip;
        Idc = idc;
        Env = env;
        App = app;
        Status = HostStatus.Pending;
        Attempt = 1;
    }

    public long Id { get; private set; }
    public long JobId { get; private set; }
    public long BatchId { get; private set; }
    public int BatchIndex { get; private set; }
    /// <summary>Dispatch order within the batch (stratified order from the planner).</summary>
    public int Position { get; private set; }
    public string Hostname { get; private set; } = "";
    public string Ip { get; private set; } = "";
    public string Idc { get; private set; } = "";
    public string Env { get; private set; } = "";
    public string App { get; private set; } = "";

    public HostStatus Status { get; private set; }
    /// <summary>1 for the first run; retry-failed increments it.</summary>
    public int Attempt { get; private set; }
    /// <summary>What the executor returned on dispatch (a Salt jid + minion, a StackStorm execution id, …); used to reconcile after a restart.</summary>
    public string? ExternalRef { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public int? DurationMs { get; private set; }
    public int? ExitCode { get; private set; }
    public ErrorCategory? Category { get; private set; }
    public string? Stdout { get; private set; }
    public string? Stderr { get; private set; }

    // Pending → Running is a set-based claim (UPDATE … WHERE Status = 'Pending'), never saved through the entity,
    // so that two workers can never take the same host. The transitions below start from a claimed host.

    /// <summary>Mirrors a claim the database just made (the set-based update): the host read before it is now Running
    /// since <paramref name="startedAt"/>. Never saved through the entity.</summary>
    public void MarkClaimed(DateTime startedAt)
    {
        if (Status != HostStatus.Pending)
            throw new InvalidTransitionException($"Cannot claim {Hostname}: it is {Status}, not pending.");
        Status = HostStatus.Running;
        StartedAt = DateTime.SpecifyKind(startedAt, DateTimeKind.Utc);
    }

    /// <summary>The executor accepted the work: remember where to look it up again (after a restart too).</summary>
    public void MarkDispatched(string externalRef)
    {
        if (Status != HostStatus.Running || ExternalRef is not null)
            throw new InvalidTransitionException($"Cannot record the dispatch of {Hostname}: it is {Status}.");
        if (string.IsNullOrWhiteSpace(externalRef))
            throw new DomainException("An executor returned an empty external reference.");
        ExternalRef = externalRef.Length > 256 ? throw new DomainException("External reference longer than 256 characters.") : externalRef;
    }

    /// <summary>Records the final result of the current attempt.</summary>
    public void Finish(HostStatus status, int? exitCode, ErrorCategory? category, string? stdout, string? stderr, DateTime finishedAt)
    {
        if (Status != HostStatus.Running)
            throw new InvalidTransitionException($"Cannot finish {Hostname}: it is {Status}, not running.");
        if (status is not (HostStatus.Succeeded or HostStatus.Failed or HostStatus.TimedOut or HostStatus.Canceled))
            throw new DomainException($"A host cannot finish as {status}.");
        Status = status;
        ExitCode = exitCode;
        Category = status == HostStatus.Succeeded ? null : category ?? ErrorCategory.Environment;
        Stdout = OutputText.Cap(stdout);
        Stderr = OutputText.Cap(stderr);
        FinishedAt = DateTime.SpecifyKind(finishedAt, DateTimeKind.Utc);
        if (StartedAt is { } started)
            DurationMs = (int)Math.Clamp((FinishedAt.Value - started).TotalMilliseconds, 0, int.MaxValue);
    }

    /// <summary>An operator skips a host that has not started: it will not run in this job. Saved under the host's
    /// status concurrency token, so a claim that took the host meanwhile wins and the skip is refused on the retry.</summary>
    public void Skip()
    {
        if (Status != HostStatus.Pending)
            throw new InvalidTransitionException($"Cannot skip {Hostname}: it is {StatusText.Label(Status).ToLowerInvariant()}; only a host that has not started can be skipped.");
        Status = HostStatus.Skipped;
        Stderr = "skipped by an operator";
    }

    /// <summary>Retry-failed: keeps the finished attempt as a <see cref="HostAttempt"/> and makes the host pending again.</summary>
    public HostAttempt ArchiveForRetry()
    {
        if (Status is not (HostStatus.Failed or HostStatus.TimedOut))
            throw new InvalidTransitionException($"Cannot retry {Hostname}: it is {Status}; only failed or timed-out hosts run again.");
        var archived = new HostAttempt(Id, JobId, Attempt, BatchIndex, Status, ExitCode, Category, Stdout, Stderr, ExternalRef, StartedAt, FinishedAt);
        Attempt++;
        Status = HostStatus.Pending;
        (ExternalRef, StartedAt, FinishedAt, DurationMs, ExitCode, Category, Stdout, Stderr) =
            (null, null, null, null, null, null, null, null);
        return archived;
    }
}

/// <summary>A finished earlier attempt of a host, kept when retry-failed runs it again.</summary>
public sealed class HostAttempt
{
    private HostAttempt() { } // EF

    public HostAttempt(long hostTaskId, long jobId, int attempt, int batchIndex, HostStatus status, int? exitCode,
        ErrorCategory? category, string? stdout, string? stderr, string? externalRef, DateTime? startedAt, DateTime? finishedAt)
    {
        HostTaskId = hostTaskId;
        JobId = jobId;
        Attempt = attempt;
        BatchIndex = batchIndex;
        Status = status;
        ExitCode = exitCode;
        Category = category;
        Stdout = stdout;
        Stderr = stderr;
        ExternalRef = externalRef;
        StartedAt = startedAt;
        FinishedAt = finishedAt;
    }

    public long Id { get; private set; }
    public long HostTaskId { get; private set; }
    public long JobId { get; private set; }
    public int Attempt { get; private set; }
    public int BatchIndex { get; private set; }
    public HostStatus Status { get; private set; }
    public int? ExitCode { get; private set; }
    public ErrorCategory? Category { get; private set; }
    public string? Stdout { get; private set; }
    public string? Stderr { get; private set; }
    public string? ExternalRef { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
}

/// <summary>A server that matched the job's filter but was left out (offline, maintenance), reported on the job.</summary>
public sealed class JobExclusion
{
    private JobExclusion() { } // EF

    public JobExclusion(long jobId, string hostname, string reason)
    {
        JobId = jobId;
        Hostname = hostname;
        Reason = reason;
    }

    public long Id { get; private set; }
    public long JobId { get; private set; }
    public string Hostname { get; private set; } = "";
    public string Reason { get; private set; } = "";
}
