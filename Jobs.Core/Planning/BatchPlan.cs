using System.Globalization;

namespace Jobs.Core.Planning;

/// <summary>One entry of a batch plan: a percentage of all targets (<c>5%</c>) or a host count (<c>10</c>).</summary>
public readonly record struct BatchPlanEntry(decimal Value, bool IsPercent)
{
    /// <summary>Ansible <c>serial</c> rule: floor(p × N / 100), at least 1. A count is taken as is.</summary>
    public int SizeFor(int totalHosts) =>
        IsPercent ? Math.Max(1, (int)Math.Floor(Value * totalHosts / 100m)) : (int)Value;

    public override string ToString() =>
        IsPercent ? Value.ToString("0.##", CultureInfo.InvariantCulture) + "%" : Value.ToString("0", CultureInfo.InvariantCulture);
}

/// <summary>
/// A validated batch plan such as <c>1%,5%,10%</c>: a comma list of percentages of all targets or host counts.
/// The last entry repeats until every host is assigned; the final batch takes the remainder.
/// </summary>
public sealed record BatchPlan
{
    public const int MaxEntries = 100;

    private BatchPlan(IReadOnlyList<BatchPlanEntry> entries) => Entries = entries;

    public IReadOnlyList<BatchPlanEntry> Entries { get; }

    /// <summary>Parses a plan or throws <see cref="FormatException"/> whose message says what is wrong.</summary>
    public static BatchPlan Parse(string? text) =>
        TryParse(text, out var plan, out var error) ? plan : throw new FormatException(error);

    /// <summary>Parses a plan; on failure <paramref name="error"/> names the offending entry.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BatchPlan? plan, out string? error)
    {
        plan = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The batch plan is empty: give a comma list of percentages or host counts, e.g. 1%,5%,10%.";
            return false;
        }
        var parts = text.Split(',');
        if (parts.Length > MaxEntries)
        {
            error = $"The batch plan has {parts.Length} entries; at most {MaxEntries} are allowed (the last entry repeats anyway).";
            return false;
        }
        // Every bad entry is reported at once, so the operator fixes the plan in one go (issue 9, item 10).
        var entries = new List<BatchPlanEntry>(parts.Length);
        var errors = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (ParseEntry(parts[i].Trim(), $"entry {i + 1}", out var entry) is { } entryError) errors.Add(entryError);
            else entries.Add(entry);
        }
        if (errors.Count > 0)
        {
            error = string.Join(" ", errors);
            return false;
        }
        plan = new BatchPlan(entries);
        return true;
    }

    /// <summary>One plan entry; returns what is wrong with it, or null.</summary>
    private static string? ParseEntry(string raw, string position, out BatchPlanEntry entry)
    {
        entry = default;
        if (raw.Length == 0) return $"The batch plan has an empty {position}.";
        var isPercent = raw.EndsWith('%');
        var number = isPercent ? raw[..^1].Trim() : raw;
        if (!decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return $"'{raw}' ({position}) is not a number: use a percentage like 5% or a host count like 10.";
        if (value < 0) return $"'{raw}' ({position}) is negative.";
        if (isPercent)
        {
            if (value == 0) return $"'{raw}' ({position}): a batch of 0% would never finish; use more than 0%.";
            if (value > 100) return $"'{raw}' ({position}) is over 100%.";
        }
        else
        {
            if (value != decimal.Truncate(value)) return $"'{raw}' ({position}): a host count must be a whole number.";
            if (value == 0) return $"'{raw}' ({position}): a batch needs at least 1 host.";
            if (value > 1_000_000) return $"'{raw}' ({position}) is too large.";
        }
        entry = new BatchPlanEntry(value, isPercent);
        return null;
    }

    /// <summary>The planned size of batch <paramref name="zeroBasedIndex"/> for <paramref name="totalHosts"/> targets,
    /// before capping at what is left.</summary>
    public int SizeOf(int zeroBasedIndex, int totalHosts) =>
        Entries[Math.Min(zeroBasedIndex, Entries.Count - 1)].SizeFor(totalHosts);

    /// <summary>Batch sizes for <paramref name="totalHosts"/> targets: they sum to the total.</summary>
    public IReadOnlyList<int> Sizes(int totalHosts)
    {
        var sizes = new List<int>();
        var left = totalHosts;
        for (var i = 0; left > 0; i++)
        {
            var size = Math.Min(SizeOf(i, totalHosts), left);
            sizes.Add(size);
            left -= size;
        }
        return sizes;
    }

    public override string ToString() => string.Join(",", Entries);
}
