namespace Jobs.Core.Application;

/// <summary>Collects per-field messages and turns them into a <see cref="JobValidationException"/> (nothing written).</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public JobValidationException ToException() =>
        new(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));

    public void ThrowIfAny()
    {
        if (HasErrors) throw ToException();
    }
}
