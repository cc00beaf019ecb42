namespace Jobs.Executors.Http;

/// <summary>
/// A request that starts work was sent but no usable answer came back (timeout, connection dropped, 500/502/504, an
/// unreadable body): the work may or may not have started. Never retried and never turned into
/// <see cref="Jobs.Core.Execution.ExecutorUnavailableException"/>, because the engine puts hosts of an unavailable
/// dispatch back to pending and would start them a second time. The executors turn it into a Failed / System result for
/// the hosts of that request ("outcome unknown"), which an operator can retry on purpose.
/// </summary>
public sealed class ExecutorOutcomeUnknownException(string executorName, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string ExecutorName { get; } = executorName;
}
