using Jobs.Executors.Agent;
using Jobs.Executors.Configuration;
using Jobs.Executors.Salt;
using Jobs.Executors.StackStorm;

namespace Jobs.Executors;

/// <summary>
/// The one list of remote executor kinds. Adding a kind = one <see cref="ExecutorKind"/> in its folder plus one line here;
/// validation, the Settings page, start-up logging and registration all read this table.
/// </summary>
internal static class ExecutorKindTable
{
    public static readonly IReadOnlyList<ExecutorKind> Remote = [SaltKind.Definition, StackStormKind.Definition, AgentKind.Definition];
}
