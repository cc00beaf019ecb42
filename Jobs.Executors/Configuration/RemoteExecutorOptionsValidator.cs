using Microsoft.Extensions.Options;

namespace Jobs.Executors.Configuration;

/// <summary>Checks every remote instance at start-up; each message names the offending key.</summary>
internal sealed class RemoteExecutorOptionsValidator : IValidateOptions<RemoteExecutorsOptions>
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

    internal static IEnumerable<string> Check(string instance, RemoteExecutorOptions o)
    {
        var key = $"{RemoteExecutorsOptions.Section}:{instance}";
        if (RemoteExecutorTypes.IsBuiltIn(o.Type)) yield break;
        if (o.ParsedType is not { } type)
        {
            yield return $"{key}:Type must be one of salt, stackstorm, agent, {string.Join(", ", RemoteExecutorTypes.BuiltIn)} (got '{o.Type}')";
            yield break;
        }
        if (!Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            yield return $"{key}:BaseUrl must be an absolute http(s) URL";
        if (o.TimeoutSeconds is < 1 or > 300)
            yield return $"{key}:TimeoutSeconds must be between 1 and 300";
        if (o.BreakSeconds is < 1 or > 600)
            yield return $"{key}:BreakSeconds must be between 1 and 600";
        switch (type)
        {
            case RemoteExecutorType.Salt:
                if (string.IsNullOrWhiteSpace(o.Username)) yield return $"{key}:Username is required for a salt executor";
                if (string.IsNullOrEmpty(o.Password)) yield return $"{key}:Password is required for a salt executor";
                if (string.IsNullOrWhiteSpace(o.Eauth)) yield return $"{key}:Eauth is required for a salt executor (e.g. pam)";
                if (o.SaltChunkSize is < 1 or > 5000) yield return $"{key}:SaltChunkSize must be between 1 and 5000";
                break;
            case RemoteExecutorType.StackStorm:
                if (string.IsNullOrEmpty(o.ApiKey) && (string.IsNullOrWhiteSpace(o.Username) || string.IsNullOrEmpty(o.Password)))
                    yield return $"{key}:ApiKey (or Username and Password) is required for a stackstorm executor";
                break;
            case RemoteExecutorType.Agent:
                if (string.IsNullOrEmpty(o.Token)) yield return $"{key}:Token is required for an agent executor";
                break;
        }
    }
}
