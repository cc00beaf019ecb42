using Jobs.Core.Execution;

namespace Jobs.Executors;

/// <summary>All executors registered in DI, by instance name (case-insensitive).</summary>
internal sealed class ExecutorRegistry : IExecutorRegistry
{
    private readonly Dictionary<string, IExecutor> _byName;

    public ExecutorRegistry(IEnumerable<IExecutor> executors)
    {
        _byName = new Dictionary<string, IExecutor>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in executors)
        {
            if (!_byName.TryAdd(e.Name, e))
                throw new InvalidOperationException($"Two executors are named '{e.Name}'; names under Jobs:Executors must be unique.");
        }
        All = _byName.Values.Select(e => e.Descriptor).OrderBy(d => d.IsSimulation).ThenBy(d => d.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public IReadOnlyList<ExecutorDescriptor> All { get; }

    public IExecutor? Find(string name) => _byName.GetValueOrDefault(name);
}
