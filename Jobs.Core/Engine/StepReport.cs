namespace Jobs.Core.Engine;

/// <summary>
/// What one step tells the loop (<see cref="JobLoop"/>): <paramref name="Progressed"/> — it changed something (a
/// transition, hosts claimed or finished, a race lost to a control), so the next step runs at once; otherwise the job
/// waits for something real: <paramref name="DueAt"/> (the start time, a bake's end, the executor's next due time, the
/// first host timeout) or <paramref name="Change"/> (an executor's signal, e.g. a local process exited), whichever
/// comes first.
/// </summary>
public sealed record StepReport(StepResult Result, bool Progressed, DateTimeOffset? DueAt, Task? Change)
{
    /// <summary>Collects a step's news as it goes.</summary>
    internal sealed class Builder
    {
        private bool _progressed;
        private DateTimeOffset? _dueAt;
        private Task? _change;

        public void Progressed() => _progressed = true;

        public void DueAt(DateTimeOffset at)
        {
            if (_dueAt is null || at < _dueAt) _dueAt = at;
        }

        public void Polled(PollOutcome poll)
        {
            if (poll.Finished > 0) Progressed();
            if (poll.DueAt is { } at) DueAt(at);
            if (poll.InFlight > 0 && poll.Change is not null) _change = poll.Change;
        }

        public StepReport Build(StepResult result) => new(result, _progressed, _dueAt, _change);
    }
}
