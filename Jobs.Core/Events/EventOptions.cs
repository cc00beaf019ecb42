namespace Jobs.Core.Events;

/// <summary><c>Jobs:Events</c>: how long events are kept and how the purge and intake are bounded.</summary>
public sealed class EventOptions
{
    public const string Section = "Jobs:Events";

    /// <summary>Events (with their rule results) older than this many days are purged. Default 30.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Events deleted per statement by the purge, so a large backlog never holds one long transaction. Default 1000.</summary>
    public int PurgeChunkSize { get; set; } = 1000;

    /// <summary>Most chunks one purge run deletes; the rest waits for the next run. Default 100.</summary>
    public int PurgeMaxChunks { get; set; } = 100;

    /// <summary>Largest <c>detail</c> object accepted, in bytes of JSON. Default 65536.</summary>
    public int MaxDetailBytes { get; set; } = 65_536;
}

/// <summary>Per-field errors of an event or a rule (keys as in the API's JSON: <c>type</c>, <c>match</c>,
/// <c>variables.host</c>, <c>bucket.capacity</c>). Nothing was written.</summary>
public sealed class EventsValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request is not valid: " + string.Join("; ", errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}"))))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Collects field errors and throws them together.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public void ThrowIfAny()
    {
        if (Any) throw new EventsValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }
}
