namespace Jobs.Testing;

/// <summary>
/// A clock the test moves by hand (FakeTimeProvider is not obtainable here). Timers run on real time unless
/// <see cref="ManualTimers"/> is set: then a timer (<c>Task.Delay(…, clock)</c>, <see cref="TimeProvider.CreateTimer"/>)
/// fires only when <see cref="Advance"/> or <see cref="Set"/> moves the clock past its due time.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public ManualClock() : this(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)) { }

    /// <summary>Timers follow this clock instead of real time. Set it before anything creates a timer.</summary>
    public bool ManualTimers { get; init; }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    /// <summary>Due times of the timers waiting now (with <see cref="ManualTimers"/>), earliest first.</summary>
    public IReadOnlyList<DateTimeOffset> PendingTimers
    {
        get { lock (_gate) return _timers.Where(t => t.Due is not null).Select(t => t.Due!.Value).Order().ToList(); }
    }

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "Time only moves forward.");
        lock (_gate) _now += by;
        FireDue();
    }

    public void Set(DateTimeOffset to)
    {
        lock (_gate)
        {
            if (to < _now) throw new ArgumentOutOfRangeException(nameof(to), "Time only moves forward.");
            _now = to;
        }
        FireDue();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (!ManualTimers) return base.CreateTimer(callback, state, dueTime, period);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void FireDue()
    {
        List<ManualTimer> due;
        lock (_gate) due = _timers.Where(t => t.Due <= _now).ToList();
        foreach (var t in due) t.Fire();
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                _period = period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                if (!clock._timers.Contains(this)) clock._timers.Add(this);
            }
            if (dueTime == TimeSpan.Zero) Fire();
            return true;
        }

        public void Fire()
        {
            lock (clock._gate)
            {
                if (Due is null || Due > clock._now) return;
                Due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : clock._now + _period;
            }
            callback(state);
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                Due = null;
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
