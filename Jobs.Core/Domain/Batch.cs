namespace Jobs.Core.Domain;

/// <summary>One batch of a job. Its host counters are refreshed by the engine with one grouped query per tick,
/// so reads never count host rows.</summary>
public sealed class Batch
{
    private Batch() { } // EF

    public Batch(int index, int size)
    {
        if (index < 1) throw new DomainException("Batch index starts at 1.");
        if (size < 1) throw new DomainException("A batch holds at least one host.");
        Index = index;
        Size = size;
        Pending = size;
        Status = BatchStatus.Pending;
    }

    public long Id { get; private set; }
    public long JobId { get; private set; }
    /// <summary>1-based position in the job.</summary>
    public int Index { get; private set; }
    public int Size { get; private set; }
    public BatchStatus Status { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    /// <summary>When the bake time after this batch ends.</summary>
    public DateTime? BakeUntil { get; private set; }
    /// <summary>Null until the gates ran.</summary>
    public bool? GatePassed { get; private set; }
    public string? GateReason { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTime? ApprovedAt { get; private set; }

    public int Pending { get; private set; }
    public int Running { get; private set; }
    public int Succeeded { get; private set; }
    public int Failed { get; private set; }
    public int TimedOut { get; private set; }
    public int Canceled { get; private set; }
    public int Skipped { get; private set; }
    public int? DurationP50Ms { get; private set; }
    public int? DurationP95Ms { get; private set; }

    public int Done => Succeeded + Failed + TimedOut + Canceled + Skipped;

    public void Start(DateTime now)
    {
        Require(BatchStatus.Pending, "start");
        Status = BatchStatus.Running;
        StartedAt = now;
    }

    public void BeginVerifying(DateTime? bakeUntil)
    {
        Require(BatchStatus.Running, "verify");
        Status = BatchStatus.Verifying;
        BakeUntil = bakeUntil;
    }

    public void Pass(string reason, DateTime now)
    {
        Require(BatchStatus.Verifying, "pass");
        Status = BatchStatus.Succeeded;
        GatePassed = true;
        GateReason = reason;
        FinishedAt = now;
    }

    public void Fail(string reason, DateTime now)
    {
        if (Status is not (BatchStatus.Running or BatchStatus.Verifying))
            throw new InvalidTransitionException($"Cannot fail batch {Index}: it is {Status}.");
        Status = BatchStatus.Failed;
        GatePassed = false;
        GateReason = reason;
        FinishedAt = now;
    }

    public void RecordApproval(string actor, DateTime now)
    {
        Require(BatchStatus.Verifying, "approve");
        ApprovedBy = actor;
        ApprovedAt = now;
    }

    /// <summary>Aborting the job: a started batch is aborted, a pending one skipped; finished ones stay as they are.</summary>
    public void AbortOrSkip(DateTime now)
    {
        if (Status.IsFinished()) return;
        Status = Status == BatchStatus.Pending ? BatchStatus.Skipped : BatchStatus.Aborted;
        FinishedAt = now;
    }

    /// <summary>Retry-failed put some of this batch's hosts back to Pending: it runs again and its gates are re-evaluated.</summary>
    public void Reopen()
    {
        if (!Status.IsFinished() || Status == BatchStatus.Skipped)
            throw new InvalidTransitionException($"Cannot reopen batch {Index}: it is {Status}.");
        Status = BatchStatus.Running;
        GatePassed = null;
        GateReason = null;
        BakeUntil = null;
        FinishedAt = null;
    }

    public void SetCounts(int pending, int running, int succeeded, int failed, int timedOut, int canceled, int skipped,
        int? p50Ms, int? p95Ms)
    {
        (Pending, Running, Succeeded, Failed, TimedOut, Canceled, Skipped) =
            (pending, running, succeeded, failed, timedOut, canceled, skipped);
        (DurationP50Ms, DurationP95Ms) = (p50Ms, p95Ms);
    }

    private void Require(BatchStatus expected, string verb)
    {
        if (Status != expected)
            throw new InvalidTransitionException($"Cannot {verb} batch {Index}: it is {Status}, expected {expected}.");
    }
}
