using Microsoft.Extensions.Options;

namespace Jobs.Executors.Configuration;

/// <summary>Checks every remote instance at start-up; each message names the offending key.</summary>
internal sealed class RemoteExecutorOptionsValidator(ExecutorKinds kinds) : IValidateOptions<RemoteExecutorsOptions>
{
    public ValidateOptionsResult Validate(string? name, RemoteExecutorsOptions options)
    {
        var errors = new List<string>();
        foreach (var (instance, o) in options.Instances)
        {
            errors.AddRange(Check(instance, o));
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal IEnumerable<string> Check(string instance, RemoteExecutorOptions o)
    {
        var key = $"{RemoteExecutorsOptions.Section}:{instance}";
        if (ExecutorKinds.IsBuiltIn(o.Type)) yield break;
        if (kinds.Find(o.Type) is not { } kind)
        {
            yield return $"{key}:Type must be one of {string.Join(", ", kinds.Names.Concat(ExecutorKinds.BuiltIn))} (got '{o.Type}')";
            yield break;
        }
        if (!IsHttpUrl(o.BaseUrl)) yield return $"{key}:BaseUrl must be an absolute http(s) URL";
        if (o.TimeoutSeconds is < 1 or > 300)
            yield return $"{key}:TimeoutSeconds must be between 1 and 300";
        if (o.BreakSeconds is < 1 or > 600)
            yield return $"{key}:BreakSeconds must be between 1 and 600";
        foreach (var error in kind.Validate(key, o)) yield return error;
    }

    internal static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
