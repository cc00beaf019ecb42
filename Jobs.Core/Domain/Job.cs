namespace Jobs.Core.Domain;

/// <summary>
/// A job: a frozen set of hosts taken through canary batches by one executor.
/// The whole job state machine is in this file; every illegal transition throws <see cref="InvalidTransitionException"/>.
/// </summary>
/// <remarks>
/// <code>
/// Scheduled ──Start──▶ Running ──AwaitApproval──▶ AwaitingApproval ──Approve──▶ Running
///     │                  │  ▲                           │
///     │                  │  └────────Resume───┐         │
///     └──Pause──▶ Paused ◀──Pause / StopByGate┴─────────┘
/// Running | Scheduled ──PauseForSystemFault──▶ Paused (StopKind.System) ──ResumeAfterSystemFault──▶ Running | Scheduled
/// Running ──Complete──▶ Succeeded | CompletedWithFailures
/// Paused | CompletedWithFailures ──ReopenForRetry──▶ Running ──(retried batches gated again) PauseAfterRetriedBatches──▶ Paused
/// any non-terminal ──Abort / StopByGate(abort)──▶ Aborted
/// (new, dangerous command) ──RequireSecondApproval──▶ AwaitingApproval ──ApproveDangerous (another Admin)──▶ Scheduled
/// </code>
/// Which operator control each status allows is <see cref="ControlsAllowedFrom"/>: the transitions below check the
/// same table, so the dashboard's buttons and the API's 409s cannot drift apart.
/// A job whose command matched a dangerous pattern (<see cref="DangerousCommand"/>) starts nothing until an Admin other
/// than its creator approved it (the two-person rule); pausing and resuming it before then returns it to that wait.
/// <see cref="StopKind"/> says who stopped a paused or aborted job; only a <see cref="JobStopKind.System"/> pause
/// (the executor's API was unreachable) is resumed by the engine on its own once the executor answers again.
/// Hosts are not loaded through the aggregate (a job may hold 100,000 of them); the engine changes their
/// states with set-based, state-conditional updates, and host-level transitions are guarded by those conditions.
/// </remarks>
public sealed class Job
{
    private readonly List<Batch> _batches = [];

    /// <summary>The statuses in which each operator control may be applied: the one source for the guards below,
    /// the buttons a dashboard shows and the API's 409 answers.</summary>
    private static readonly IReadOnlyDictionary<JobControl, JobStatus[]> ControlsAllowedFrom = new Dictionary<JobControl, JobStatus[]>
    {
        [JobControl.StartNow] = [JobStatus.Scheduled],
        [JobControl.Pause] = [JobStatus.Scheduled, JobStatus.Running, JobStatus.AwaitingApproval],
        [JobControl.Resume] = [JobStatus.Paused],
        [JobControl.Approve] = [JobStatus.AwaitingApproval],
        [JobControl.RetryFailed] = [JobStatus.Paused, JobStatus.CompletedWithFailures],
        [JobControl.RetryHost] = [JobStatus.Paused, JobStatus.CompletedWithFailures],
        [JobControl.SkipHost] = [JobStatus.Scheduled, JobStatus.Running, JobStatus.Paused, JobStatus.AwaitingApproval],
        [JobControl.Abort] = [JobStatus.Scheduled, JobStatus.Running, JobStatus.AwaitingApproval, JobStatus.Paused],
    };

    /// <summary>The host-level controls one host offers: skip while it has not started, retry once it failed.</summary>
    public static IReadOnlyList<JobControl> AllowedHostControls(JobStatus status, HostStatus host) =>
        JobControlText.All.Where(c => JobControlText.IsHostControl(c) && Allows(status, c) && c switch
        {
            JobControl.SkipHost => host == HostStatus.Pending,
            JobControl.RetryHost => host is HostStatus.Failed or HostStatus.TimedOut,
            _ => false,
        }).ToList();

    /// <summary>Whether <paramref name="control"/> fits a job in <paramref name="status"/>.</summary>
    public static bool Allows(JobStatus status, JobControl control) => ControlsAllowedFrom[control].Contains(status);

    /// <summary>The job-level controls a job in <paramref name="status"/> offers; retry only when something failed.</summary>
    public static IReadOnlyList<JobControl> AllowedControls(JobStatus status, int failedOrTimedOut) =>
        JobControlText.All.Where(c => !JobControlText.IsHostControl(c) && Allows(status, c)
            && (c != JobControl.RetryFailed || failedOrTimedOut > 0)).ToList();

    private Job() { } // EF

    /// <summary>Longest <see cref="IdempotencyKey"/> (a UUID is 36 characters).</summary>
    public const int IdempotencyKeyMaxLength = 128;

    /// <summary>Records the idempotency key of the request creating this job (before it is first saved).</summary>
    public void KeepIdempotencyKey(string key, string fingerprint)
    {
        if (Id != 0) throw new InvalidOperationException("An idempotency key belongs to the request that creates the job.");
        IdempotencyKey = key;
        RequestFingerprint = fingerprint;
    }

    public Job(JobDefinition definition, string createdBy, DateTime createdAt, string? createdByUser = null)
    {
        CreatedByUser = createdByUser ?? createdBy;
        Name = definition.Name.Trim();
        Description = definition.Description?.Trim() ?? "";
        Filter = definition.Filter.Trim();
        Executor = definition.Executor;
        ParametersJson = definition.ParametersJson;
        BatchPlan = definition.BatchPlan;
        Parallelism = definition.Parallelism;
        HostTimeoutSeconds = definition.HostTimeoutSeconds;
        Stratify = definition.Stratify;
        MaxPerAppPercent = definition.MaxPerAppPercent;
        Gates = definition.Gates;
        OnGateFailure = definition.OnGateFailure;
        StartAt = definition.StartAt is { } s ? DateTime.SpecifyKind(s, DateTimeKind.Utc) : null;
        CreatedBy = createdBy;
        CreatedAt = DateTime.SpecifyKind(createdAt, DateTimeKind.Utc);
        Status = JobStatus.Scheduled;
    }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string Filter { get; private set; } = "";
    /// <summary>Name of the configured executor instance (e.g. <c>simulated</c>, <c>salt-sh</c>).</summary>
    public string Executor { get; private set; } = "";
    /// <summary>Executor parameters as a JSON object; values may contain <c>{{host.*}}</c> placeholders.</summary>
    public string ParametersJson { get; private set; } = "{}";
    /// <summary>The batch plan as entered, e.g. <c>1%,5%,10%</c>.</summary>
    public string BatchPlan { get; private set; } = "";
    public int Parallelism { get; private set; }
    public int HostTimeoutSeconds { get; private set; }
    public bool Stratify { get; private set; }
    public decimal? MaxPerAppPercent { get; private set; }
    public GateSettings Gates { get; private set; } = GateSettings.Default;
    public GateFailureAction OnGateFailure { get; private set; }
    public DateTime? StartAt { get; private set; }

    public JobStatus Status { get; private set; }
    public string? StopReason { get; private set; }
    /// <summary>Who stopped the job (null while it runs): an operator, a gate, or a system fault.</summary>
    public JobStopKind? StopKind { get; private set; }
    public string CreatedBy { get; private set; } = "";
    /// <summary>The person who created the job (for an API key, its owner); <see cref="CreatedBy"/> is how the audit names them.</summary>
    public string CreatedByUser { get; private set; } = "";
    /// <summary>Why the two-person rule holds this job (the dangerous fragment, the pattern and a host), or null.</summary>
    public string? DangerousCommand { get; private set; }
    /// <summary>The Admin who approved a <see cref="DangerousCommand"/> job to start (never its creator).</summary>
    public string? SecondApprover { get; private set; }
    /// <summary>
    /// The client's key for the request that created this job (<c>Idempotency-Key</c> header, or the wizard's hidden
    /// field), unique across jobs; kept as long as the job is. Null when the client sent none.
    /// </summary>
    public string? IdempotencyKey { get; private set; }
    /// <summary>SHA-256 (hex) of the creating request and its sender: a repeat of the key must carry the same request.</summary>
    public string? RequestFingerprint { get; private set; }
    /// <summary>True while a dangerous job still waits for its second person.</summary>
    public bool AwaitsSecondApproval => DangerousCommand is not null && SecondApprover is null;
    public DateTime CreatedAt { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public int TotalHosts { get; private set; }
    public int ExcludedHosts { get; private set; }
    /// <summary>Concurrency token: bumped by every transition so two writers never both win.</summary>
    public int Version { get; private set; }
    /// <summary>Set by a retry to the last batch it reopened: once the retried batches have passed their gates again,
    /// the job pauses before any later batch runs instead of carrying on, so an operator decides whether to continue.</summary>
    public int? PauseAfterBatch { get; private set; }
    /// <summary>A pinned job is kept when retention purges finished jobs (<c>Jobs:Retention:Days</c>).</summary>
    public bool Pinned { get; private set; }
    /// <summary>The template this job was rendered from (null: made in the wizard or the API directly).</summary>
    public long? TemplateId { get; private set; }
    /// <summary>The version of <see cref="TemplateId"/> it was rendered from.</summary>
    public int? TemplateVersion { get; private set; }
    /// <summary>What started it when no person did (<c>schedule:3</c>, <c>rule:disk-full</c>), else null.</summary>
    public string? Source { get; private set; }
    /// <summary>Why the job waits for an operator's approval before its first batch (its origin asked for it), or null.</summary>
    public string? StartApprovalReason { get; private set; }
    /// <summary>Who approved a <see cref="StartApprovalReason"/> job to start.</summary>
    public string? StartApprovedBy { get; private set; }
    /// <summary>True while the job waits for the approval its origin asked for, before its first batch.</summary>
    public bool AwaitsStartApproval => StartApprovalReason is not null && StartApprovedBy is null;
    /// <summary>True while the job waits for a person before its first batch (two-person rule or its origin's hold).</summary>
    public bool HeldBeforeStart => AwaitsSecondApproval || AwaitsStartApproval;

    /// <summary>See <see cref="JobStatuses.NeedsTicks"/>.</summary>
    public bool NeedsTicking => JobStatuses.NeedsTicking(this);

    public IReadOnlyList<Batch> Batches => _batches.AsReadOnly();

    /// <summary>Adds the planned batches and counts; only while the job is being created.</summary>
    public void SetPlan(IEnumerable<Batch> batches, int totalHosts, int excludedHosts)
    {
        if (Id != 0 || _batches.Count != 0) throw new InvalidTransitionException("The plan of a job is fixed at creation.");
        _batches.AddRange(batches);
        TotalHosts = totalHosts;
        ExcludedHosts = excludedHosts;
    }

    /// <summary>Creation only: where the job came from; a hold makes it wait for an approval before its first batch.</summary>
    public void SetOrigin(JobOrigin origin)
    {
        if (Id != 0 || Status != JobStatus.Scheduled) throw new InvalidTransitionException("The origin of a job is recorded at creation.");
        TemplateId = origin.TemplateId;
        TemplateVersion = origin.TemplateVersion;
        Source = origin.Source is { Length: > JobOrigin.MaxSourceLength } s ? s[..JobOrigin.MaxSourceLength] : origin.Source;
        if (origin.HoldBeforeStart is { Length: > 0 } hold)
        {
            StartApprovalReason = hold.Length > 500 ? hold[..500] : hold;
            Status = JobStatus.AwaitingApproval;
        }
    }

    /// <summary>An operator lets a job held by its origin start (<see cref="AwaitsStartApproval"/>).</summary>
    public void ApproveStart(string approver)
    {
        Require(JobStatus.AwaitingApproval, "approve");
        if (!AwaitsStartApproval) throw new InvalidTransitionException("Cannot approve: the job is not waiting to start.");
        if (AwaitsSecondApproval) throw new InvalidTransitionException("Cannot approve: the job waits for a second person's approval.");
        StartApprovedBy = approver;
        Status = JobStatus.Scheduled;
        Version++;
    }

    /// <summary>Creation only: the command matched a dangerous pattern, so the job waits for a second person.</summary>
    public void RequireSecondApproval(string match)
    {
        if (Id != 0 || Status is not (JobStatus.Scheduled or JobStatus.AwaitingApproval)) throw new InvalidTransitionException("The two-person rule is decided at creation.");
        DangerousCommand = match.Length > 500 ? match[..500] : match;
        Status = JobStatus.AwaitingApproval;
    }

    /// <summary>The two-person rule: an Admin other than the creator lets a dangerous job start.
    /// <paramref name="approver"/> is a person (user name), compared with <see cref="CreatedByUser"/>.</summary>
    /// <exception cref="TwoPersonRuleException">The approver is not an Admin, or is the job's creator.</exception>
    public void ApproveDangerous(string approver, bool approverIsAdmin)
    {
        Require(JobStatus.AwaitingApproval, "approve");
        if (!AwaitsSecondApproval) throw new InvalidTransitionException("Cannot approve: the job is not waiting for a second person.");
        if (!approverIsAdmin)
            throw new TwoPersonRuleException($"Only an Admin may approve a job with a dangerous command ({DangerousCommand}).");
        if (string.Equals(approver, CreatedByUser, StringComparison.OrdinalIgnoreCase))
            throw new TwoPersonRuleException($"Two-person rule: {approver} created this job, so another Admin must approve it.");
        SecondApprover = approver;
        if (AwaitsStartApproval) StartApprovedBy = approver;
        Status = JobStatus.Scheduled;
        Version++;
    }

    /// <summary>"Start now" on a scheduled job (issue 9): its start time becomes now; the engine starts it on its next step.</summary>
    public void StartNow(DateTime now)
    {
        Require(JobControl.StartNow, "start now");
        if (HeldBeforeStart) throw new InvalidTransitionException("Cannot start: the job waits for an approval before its first batch.");
        StartAt = now;
        Version++;
    }

    public void Start(DateTime now)
    {
        Require(JobStatus.Scheduled, "start");
        if (HeldBeforeStart) throw new InvalidTransitionException("Cannot start: the job waits for a second person's approval.");
        Status = JobStatus.Running;
        StartedAt = now;
        Version++;
    }

    /// <summary>Operator pause: no new host starts; in-flight hosts finish.</summary>
    public void Pause(string reason)
    {
        Require(JobControl.Pause, "pause");
        Status = JobStatus.Paused;
        StopReason = reason;
        StopKind = JobStopKind.Operator;
        Version++;
    }

    public void Resume()
    {
        Require(JobControl.Resume, "resume");
        Status = HeldBeforeStart ? JobStatus.AwaitingApproval : StartedAt is null ? JobStatus.Scheduled : JobStatus.Running;
        StopReason = null;
        StopKind = null;
        PauseAfterBatch = null;
        Version++;
    }

    /// <summary>The executor answers again after a <see cref="PauseForSystemFault"/>: the engine resumes on its own.
    /// A pause by an operator or a gate is never resumed automatically.</summary>
    public void ResumeAfterSystemFault()
    {
        Require(JobStatus.Paused, "resume");
        if (StopKind != JobStopKind.System)
            throw new InvalidTransitionException("Only a job paused by a system fault resumes on its own.");
        Resume();
    }

    /// <summary>A gate failed: pause or abort, as the job's <see cref="OnGateFailure"/> says.</summary>
    public void StopByGate(string reason, DateTime now)
    {
        Require("stop", JobStatus.Running, JobStatus.AwaitingApproval);
        StopReason = reason;
        StopKind = JobStopKind.Gate;
        PauseAfterBatch = null;
        if (OnGateFailure == GateFailureAction.Abort)
        {
            Status = JobStatus.Aborted;
            FinishedAt = now;
        }
        else
        {
            Status = JobStatus.Paused;
        }
        Version++;
    }

    /// <summary>The executor itself is unreachable (a System fault): pause without failing hosts.</summary>
    public void PauseForSystemFault(string reason)
    {
        Require("pause", JobStatus.Running, JobStatus.Scheduled);
        Status = JobStatus.Paused;
        StopReason = reason;
        StopKind = JobStopKind.System;
        Version++;
    }

    /// <summary>The batches reopened by a retry passed their gates again and a later batch would run now: pause, as
    /// retrying promised (<see cref="PauseAfterBatch"/>).</summary>
    public void PauseAfterRetriedBatches(int nextBatch)
    {
        Require(JobStatus.Running, "pause after the retry");
        if (PauseAfterBatch is not { } last || nextBatch <= last)
            throw new InvalidTransitionException($"Batch {nextBatch} is not after the retried batches.");
        Status = JobStatus.Paused;
        StopReason = $"the retried hosts finished and their batches passed their gates again; resume to go on with batch {nextBatch}";
        StopKind = JobStopKind.Operator;
        PauseAfterBatch = null;
        Version++;
    }

    public void AwaitApproval()
    {
        Require(JobStatus.Running, "wait for approval");
        Status = JobStatus.AwaitingApproval;
        Version++;
    }

    public void Approve()
    {
        Require(JobControl.Approve, "approve");
        if (HeldBeforeStart) throw new InvalidTransitionException("Cannot approve a batch: the job waits for an approval before its first batch.");
        Status = JobStatus.Running;
        Version++;
    }

    public void Abort(string reason, DateTime now)
    {
        if (Status.IsTerminal())
            throw new InvalidTransitionException($"Cannot abort: the job is already {StatusText.Label(Status).ToLowerInvariant()}.");
        Require(JobControl.Abort, "abort");
        Status = JobStatus.Aborted;
        PauseAfterBatch = null;
        StopReason = reason;
        StopKind = JobStopKind.Operator;
        FinishedAt = now;
        Version++;
    }

    public void Complete(bool anyFailures, DateTime now)
    {
        Require(JobStatus.Running, "complete");
        Status = anyFailures ? JobStatus.CompletedWithFailures : JobStatus.Succeeded;
        FinishedAt = now;
        PauseAfterBatch = null;
        Version++;
    }

    /// <summary>Failed and timed-out hosts of finished batches run again; allowed when paused or completed with failures.
    /// Their batches (up to <paramref name="lastReopenedBatch"/>) are gated again, and then the job pauses before any
    /// later batch runs (<see cref="PauseAfterBatch"/>).</summary>
    public void ReopenForRetry(JobControl control, int lastReopenedBatch)
    {
        Require(control, control == JobControl.RetryHost ? "retry the host" : "retry failed hosts");
        Status = StartedAt is null ? JobStatus.Scheduled : JobStatus.Running;
        StopReason = null;
        StopKind = null;
        FinishedAt = null;
        PauseAfterBatch = lastReopenedBatch;
        Version++;
    }

    /// <summary>Keep (or stop keeping) the job past the retention period. Not a transition: it changes no state, so
    /// it leaves <see cref="Version"/> alone and never races an engine step.</summary>
    public void SetPinned(bool pinned) => Pinned = pinned;

    /// <summary>The engine changed batches or hosts of this job: bump the version so a concurrent control
    /// (which also checks it) and this step never both win.</summary>
    public void Touch() => Version++;

    /// <summary>Guards a control (or a transition with the same rule) by <see cref="ControlsAllowedFrom"/>.</summary>
    public void Require(JobControl control, string verb) => Require(verb, ControlsAllowedFrom[control]);

    private void Require(JobStatus expected, string verb) => Require(verb, expected);

    private void Require(string verb, params JobStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new InvalidTransitionException(
                $"Cannot {verb}: the job is {StatusText.Label(Status).ToLowerInvariant()}" +
                $" (allowed when {string.Join(" or ", allowed.Select(a => StatusText.Label(a).ToLowerInvariant()))}).");
        }
    }
}
