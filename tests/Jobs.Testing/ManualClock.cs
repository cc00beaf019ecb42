namespace Jobs.Testing;

/// <summary>A clock the test moves by hand (FakeTimeProvider is not obtainable here). Timers are not supported.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now = start;

    public ManualClock() : this(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "Time only moves forward.");
        lock (_gate) _now += by;
    }

    public void Set(DateTimeOffset to)
    {
        lock (_gate)
        {
            if (to < _now) throw new ArgumentOutOfRangeException(nameof(to), "Time only moves forward.");
            _now = to;
        }
    }
}
