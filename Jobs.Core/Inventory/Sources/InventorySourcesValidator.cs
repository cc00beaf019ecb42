using Cronos;
using Jobs.Core.Domain;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Inventory.Sources;

/// <summary>Checks every inventory source at start-up; each message names the offending key.</summary>
internal sealed class InventorySourcesValidator : IValidateOptions<InventorySourcesOptions>
{
    public ValidateOptionsResult Validate(string? name, InventorySourcesOptions options)
    {
        var errors = options.Sources.SelectMany(s => Check(s.Key, s.Value)).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static IEnumerable<string> Check(string source, InventorySourceOptions o)
    {
        var key = InventorySourcesOptions.Key(source);
        if (source.Length > 64 || source.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            yield return $"{key}: a source name has at most 64 letters, digits, '-', '_' or '.'";
        if (!string.Equals(o.Type, InventorySourceOptions.NetBoxType, StringComparison.OrdinalIgnoreCase))
            yield return $"{key}:Type must be netbox (got '{o.Type}')";
        if (!Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            yield return $"{key}:BaseUrl must be an absolute http(s) URL";
        if (string.IsNullOrWhiteSpace(o.Token))
            yield return $"{key}:Token is required: the whole Authorization header value, 'Token <v1 token>' or 'Bearer nbt_<key>.<token>'";
        else if (o.Token.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is not [var keyword, _]
                 || !(keyword.Equals("Token", StringComparison.OrdinalIgnoreCase) || keyword.Equals("Bearer", StringComparison.OrdinalIgnoreCase)))
            yield return $"{key}:Token must be the whole Authorization header value, starting with 'Token ' (v1) or 'Bearer ' (v2)";
        if (FilterProblem(o.Filter) is { } filter) yield return $"{key}:Filter {filter}";
        if (!string.IsNullOrWhiteSpace(o.Schedule) && ParseSchedule(o.Schedule) is null)
            yield return $"{key}:Schedule '{o.Schedule}' is not a cron expression (5 fields, e.g. '*/15 * * * *', UTC)";
        if (o.MaxRetirePercent is < 0 or > 100 || double.IsNaN(o.MaxRetirePercent))
            yield return $"{key}:MaxRetirePercent must be between 0 and 100";
        if (o.TimeoutSeconds is < 1 or > 300) yield return $"{key}:TimeoutSeconds must be between 1 and 300";
        if (o.PageSize is < 1 or > 1000) yield return $"{key}:PageSize must be between 1 and 1000";
        foreach (var (column, path) in o.Mapping.All())
        {
            if (!FieldPath.TryParse(path, out _, out var why)) yield return $"{key}:Mapping:{column} {why}";
        }
        foreach (var (value, status) in o.StatusMap)
        {
            if (!Enum.TryParse<ServerStatus>(status, true, out var s) || s == ServerStatus.Retired || int.TryParse(status, out _))
                yield return $"{key}:StatusMap:{value} must be online, offline or maintenance (got '{status}')";
        }
    }

    /// <summary>The cron schedule, or null when it does not parse (5 fields; 6 with seconds).</summary>
    internal static CronExpression? ParseSchedule(string text)
    {
        var trimmed = text.Trim();
        var format = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        return CronExpression.TryParse(trimmed, format, out var cron) ? cron : null;
    }

    /// <summary>The paging parameters belong to the client; a filter that sets them would break paging.</summary>
    private static string? FilterProblem(string filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return null;
        var reserved = new[] { "limit", "offset", "start", "brief", "exclude", "fields", "omit", "ordering" };
        foreach (var pair in filter.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(pair.Split('=', 2)[0]).Trim();
            if (name.Length == 0) return $"has a parameter without a name ('{pair}')";
            if (reserved.Contains(name, StringComparer.OrdinalIgnoreCase))
                return $"must not set '{name}': JOBS sets paging and the fields it reads itself";
        }
        return null;
    }
}
