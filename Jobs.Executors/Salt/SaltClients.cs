using System.Net;
using Jobs.Core.Execution;

namespace Jobs.Executors.Salt;

/// <summary>The netapi clients JOBS needs on a salt master, and how a missing one is explained to the operator.</summary>
internal static class SaltClients
{
    /// <summary>A well-formed jid no master has (year 2000): <c>GET /jobs/{jid}</c> answers "no job" without touching minions.</summary>
    public const string NoSuchJid = "20000101000000000000";

    /// <summary>What each client is for, in the words of the Test connection result.</summary>
    private static readonly Dictionary<string, string> Purpose = new(StringComparer.Ordinal)
    {
        ["local_async"] = "JOBS publishes jobs with local_async",
        ["local"] = "JOBS asks minions that did not return yet whether they still run the job (saltutil.find_job)",
        ["runner"] = "JOBS polls results with GET /jobs/{jid}, which salt-api serves through the runner client (grant @runner and @jobs)",
    };

    /// <summary>Runs one client's probe; a refusal is rethrown naming the client, what JOBS needs it for and the master setting.</summary>
    public static async Task CheckAsync(string client, Func<Task> probe)
    {
        try
        {
            await probe().ConfigureAwait(false);
        }
        catch (ExecutorUnavailableException ex) when (ex.InnerException is HttpRequestException { StatusCode: HttpStatusCode.BadRequest })
        {
            // salt-api answers a client missing from netapi_enable_clients with 400 (SaltInvocationError, SALT.md §0).
            throw new ExecutorUnavailableException(ex.ExecutorName,
                $"{ex.Message} — {Purpose[client]}: add {client} to netapi_enable_clients on the master and allow it in external_auth", ex);
        }
    }
}
