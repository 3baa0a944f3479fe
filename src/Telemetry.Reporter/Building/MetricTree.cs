using Telemetry.Reporter.Metrics;
using Telemetry.V1;

namespace Telemetry.Reporter.Building;

/// <summary>
/// A snapshot's metrics arranged by the steps of their names, so that a payload is filled in one walk:
/// <c>infra.nodes</c> is the value at <c>infra</c> → <c>nodes</c>, and <c>cpu_usage[CPUNode]</c> the value at
/// <c>cpu_usage</c> → <c>CPUNode</c>. A key written as a segment (<c>telegraf_plugins.cpu</c>) lands on the same
/// node as the bracketed key (<c>telegraf_plugins[cpu]</c>).
/// </summary>
internal sealed class MetricTree
{
    private Dictionary<string, MetricTree>? _children;

    /// <summary>The metric named by the path to this node, if there is one.</summary>
    public MetricValue? Value { get; private set; }

    /// <summary>The nodes one step below, by step.</summary>
    public IReadOnlyDictionary<string, MetricTree> Children =>
        (IReadOnlyDictionary<string, MetricTree>?)_children ?? System.Collections.Immutable.ImmutableDictionary<string, MetricTree>.Empty;

    public static MetricTree From(RegistrySnapshot snapshot)
    {
        var root = new MetricTree();
        foreach (var (name, value) in snapshot.Values)
        {
            var node = root;
            foreach (var step in MetricName.Parse(name))
            {
                node._children ??= new Dictionary<string, MetricTree>(StringComparer.Ordinal);
                if (!node._children.TryGetValue(step, out var child))
                {
                    child = new MetricTree();
                    node._children.Add(step, child);
                }

                node = child;
            }

            node.Value = value;
        }

        return root;
    }

    /// <summary>The node one step below, or null.</summary>
    public MetricTree? Child(string step) => _children is not null && _children.TryGetValue(step, out var child) ? child : null;
}
