namespace Jobs.Core.Filtering;

/// <summary>
/// A filter that cannot be parsed. <see cref="Exception.Message"/> reads like <c>at character 14: expected a value after '='</c>;
/// <see cref="Position"/> is the 1-based character position (the text length + 1 means "at the end").
/// </summary>
public sealed class FilterSyntaxException : Exception
{
    public FilterSyntaxException(int position, string problem)
        : base($"at character {position}: {problem}")
    {
        Position = position;
        Problem = problem;
    }

    public int Position { get; }

    /// <summary>The message without the position prefix.</summary>
    public string Problem { get; }
}
