using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Jobs.Architecture.Tests;

/// <summary>
/// Which product namespace uses which, read from the compiled assemblies with Mono.Cecil: base types, interfaces,
/// fields, properties, signatures, attributes, and every type, method and field a method body touches — so a
/// dependency hidden in a method body (or a fully qualified name) counts like a <c>using</c>. Compiler-generated and
/// nested types count for the namespace of the type they are nested in.
/// </summary>
internal sealed class NamespaceGraph
{
    /// <summary>namespace → namespace → one example "Type uses Type" per edge, for the failure message.</summary>
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    public static NamespaceGraph Of(IEnumerable<string> assemblyPaths, string rootPrefix)
    {
        var graph = new NamespaceGraph();
        foreach (var path in assemblyPaths)
        {
            using var module = ModuleDefinition.ReadModule(path);
            foreach (var type in module.GetTypes()) graph.Add(type, rootPrefix);
        }
        return graph;
    }

    public IReadOnlyDictionary<string, string> From(string ns) =>
        _edges.TryGetValue(ns, out var to) ? to : new Dictionary<string, string>();

    /// <summary>Every strongly connected set of more than one namespace (Tarjan), each as its member list.</summary>
    public List<List<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();
        var counter = 0;
        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in From(v).Keys)
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) result.Add(component.Order(StringComparer.Ordinal).ToList());
        }
        foreach (var v in _edges.Keys.Order(StringComparer.Ordinal).ToList())
            if (!index.ContainsKey(v)) Visit(v);
        return result;
    }

    private void Add(TypeDefinition type, string root)
    {
        var from = NamespaceOf(type);
        if (!from.StartsWith(root, StringComparison.Ordinal)) return;
        void Use(TypeReference? t)
        {
            if (t is null) return;
            if (t is GenericInstanceType g) foreach (var a in g.GenericArguments) Use(a);
            if (t is TypeSpecification spec) { Use(spec.ElementType); return; }
            var to = NamespaceOf(t);
            if (to == from || !to.StartsWith(root, StringComparison.Ordinal)) return;
            if (!_edges.TryGetValue(from, out var targets)) _edges[from] = targets = new(StringComparer.Ordinal);
            targets.TryAdd(to, $"{Outer(type).FullName} uses {t.FullName}");
        }
        Use(type.BaseType);
        foreach (var i in type.Interfaces) Use(i.InterfaceType);
        foreach (var a in type.CustomAttributes) Use(a.AttributeType);
        foreach (var f in type.Fields) Use(f.FieldType);
        foreach (var p in type.Properties) Use(p.PropertyType);
        foreach (var m in type.Methods) AddMethod(m, Use);
    }

    private static void AddMethod(MethodDefinition m, Action<TypeReference?> use)
    {
        use(m.ReturnType);
        foreach (var p in m.Parameters) use(p.ParameterType);
        foreach (var a in m.CustomAttributes) use(a.AttributeType);
        if (!m.HasBody) return;
        foreach (var v in m.Body.Variables) use(v.VariableType);
        foreach (var ins in m.Body.Instructions)
        {
            switch (ins.Operand)
            {
                case TypeReference t: use(t); break;
                case MethodReference mr:
                    use(mr.DeclaringType);
                    use(mr.ReturnType);
                    if (mr is GenericInstanceMethod gm) foreach (var a in gm.GenericArguments) use(a);
                    break;
                case FieldReference fr: use(fr.DeclaringType); use(fr.FieldType); break;
            }
        }
    }

    private static TypeReference Outer(TypeReference t)
    {
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t;
    }

    private static string NamespaceOf(TypeReference t) => t is GenericParameter ? "" : Outer(t).Namespace;
}
