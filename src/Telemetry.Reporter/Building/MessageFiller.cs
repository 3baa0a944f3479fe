using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Telemetry.Reporter.Metrics;
using Telemetry.V1;

namespace Telemetry.Reporter.Building;

/// <summary>
/// Fills a product's payload message from registry metrics by name: the metric <c>ingester_appended_samples</c>
/// fills the field of that name, and <c>infra.nodes</c> fills <c>nodes</c> in the nested <c>infra</c> message.
/// </summary>
/// <remarks>
/// Scalar fields take string, int and float metrics (bool fields take an int metric, non-zero meaning true; enum
/// fields an int or the value's name); Counter, Statistics, Histogram and DistinctCount fields take the metric of
/// that kind. A map takes an entry per key under its name: <c>telegraf_plugins[cpu]</c> (or
/// <c>telegraf_plugins.cpu</c>) is the entry <c>cpu</c>, <c>cpu_usage[CPUNode]</c> the entry <c>CPUNode</c>, and
/// <c>applications_by_kind[deployment].instances</c> fills <c>instances</c> in the entry <c>deployment</c>. Integer
/// keys are written in decimal. A repeated field takes its elements by index: <c>clouds[0]</c>, <c>clouds[1]</c>,
/// <c>flux_function_calls[0].function</c>; elements go in index order, gaps closed. A metric whose kind or key does
/// not fit its field is ignored.
/// </remarks>
internal static class MessageFiller
{
    private static readonly Dictionary<MessageDescriptor, MetricValue.KindOneofCase> MetricMessages = new()
    {
        [Counter.Descriptor] = MetricValue.KindOneofCase.Counter,
        [Statistics.Descriptor] = MetricValue.KindOneofCase.Statistics,
        [Histogram.Descriptor] = MetricValue.KindOneofCase.Histogram,
        [DistinctCount.Descriptor] = MetricValue.KindOneofCase.DistinctCount,
    };

    /// <summary>Fills <paramref name="message"/> from every metric; returns whether any field was set.</summary>
    public static bool Fill(IMessage message, RegistrySnapshot snapshot) => Fill(message, MetricTree.From(snapshot));

    /// <summary>Fills <paramref name="message"/> from the metrics below <paramref name="node"/>.</summary>
    public static bool Fill(IMessage message, MetricTree node)
    {
        var filled = false;
        foreach (var (step, child) in node.Children)
        {
            if (message.Descriptor.FindFieldByName(step) is not { } field)
            {
                continue;
            }

            if (field.IsMap)
            {
                filled |= FillMap(message, field, child);
            }
            else if (field.IsRepeated)
            {
                filled |= FillRepeated(message, field, child);
            }
            else if (Value(field, child) is { } value)
            {
                field.Accessor.SetValue(message, value);
                filled = true;
            }
        }

        return filled;
    }

    // A field's value from its node: a scalar or metric message from the node's metric, or a message filled from
    // the metrics below the node (merged into what the field holds already).
    private static object? Value(FieldDescriptor field, MetricTree node, IMessage? existing = null)
    {
        if (field.FieldType != FieldType.Message)
        {
            return node.Value is { } scalar ? Convert(field, scalar) : null;
        }

        if (MetricMessages.ContainsKey(field.MessageType))
        {
            return node.Value is { } metric ? MetricMessage(field.MessageType, metric) : null;
        }

        var child = existing ?? field.MessageType.Parser.ParseFrom(ByteString.Empty);
        return Fill(child, node) ? child : null;
    }

    private static bool FillMap(IMessage message, FieldDescriptor field, MetricTree node)
    {
        var keyField = field.MessageType.FindFieldByNumber(1);
        var valueField = field.MessageType.FindFieldByNumber(2);
        var map = (IDictionary)field.Accessor.GetValue(message);
        var filled = false;

        // Entries go in key order, so a report's bytes do not depend on the registry's order.
        foreach (var (text, child) in node.Children.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (Key(keyField.FieldType, text) is not { } key)
            {
                continue;
            }

            var existing = map.Contains(key) ? map[key] as IMessage : null;
            if (Value(valueField, child, existing) is { } value)
            {
                map[key] = value;
                filled = true;
            }
        }

        return filled;
    }

    private static bool FillRepeated(IMessage message, FieldDescriptor field, MetricTree node)
    {
        var list = (IList)field.Accessor.GetValue(message);
        var filled = false;
        var elements = node.Children
            .Select(c => (Index: int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1, Node: c.Value))
            .Where(c => c.Index >= 0)
            .OrderBy(c => c.Index);
        foreach (var (_, child) in elements)
        {
            if (Value(field, child) is { } value)
            {
                list.Add(value);
                filled = true;
            }
        }

        return filled;
    }

    private static object? Key(FieldType type, string text)
    {
        const NumberStyles Integer = NumberStyles.AllowLeadingSign;
        var culture = CultureInfo.InvariantCulture;
        return type switch
        {
            FieldType.String => text,
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => int.TryParse(text, Integer, culture, out var v) ? v : null,
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => long.TryParse(text, Integer, culture, out var v) ? v : null,
            FieldType.UInt32 or FieldType.Fixed32 => uint.TryParse(text, NumberStyles.None, culture, out var v) ? v : null,
            FieldType.UInt64 or FieldType.Fixed64 => ulong.TryParse(text, NumberStyles.None, culture, out var v) ? v : null,
            FieldType.Bool => bool.TryParse(text, out var v) ? v : null,
            _ => null,
        };
    }

    // The metric as the field's metric message (Counter, Statistics, Histogram, DistinctCount), when it is of that kind.
    private static IMessage? MetricMessage(MessageDescriptor type, MetricValue value) =>
        MetricMessages.TryGetValue(type, out var kind) && value.KindCase == kind
            ? kind switch
            {
                MetricValue.KindOneofCase.Counter => value.Counter.Clone(),
                MetricValue.KindOneofCase.Statistics => value.Statistics.Clone(),
                MetricValue.KindOneofCase.Histogram => value.Histogram.Clone(),
                _ => value.DistinctCount.Clone(),
            }
            : null;

    private static object? Convert(FieldDescriptor field, MetricValue value) => (field.FieldType, value.KindCase) switch
    {
        (FieldType.String, MetricValue.KindOneofCase.StringValue) => value.StringValue,
        (FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64, MetricValue.KindOneofCase.IntValue) => value.IntValue,
        (FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32, MetricValue.KindOneofCase.IntValue) =>
            (int)Math.Clamp(value.IntValue, int.MinValue, int.MaxValue),
        (FieldType.UInt64 or FieldType.Fixed64, MetricValue.KindOneofCase.IntValue) => (ulong)Math.Max(0, value.IntValue),
        (FieldType.UInt32 or FieldType.Fixed32, MetricValue.KindOneofCase.IntValue) =>
            (uint)Math.Clamp(value.IntValue, 0, uint.MaxValue),
        (FieldType.Double, MetricValue.KindOneofCase.FloatValue) => value.FloatValue,
        (FieldType.Double, MetricValue.KindOneofCase.IntValue) => (double)value.IntValue,
        (FieldType.Float, MetricValue.KindOneofCase.FloatValue) => (float)value.FloatValue,
        (FieldType.Float, MetricValue.KindOneofCase.IntValue) => (float)value.IntValue,
        (FieldType.Bool, MetricValue.KindOneofCase.IntValue) => value.IntValue != 0,
        (FieldType.Enum, MetricValue.KindOneofCase.IntValue) => (int)Math.Clamp(value.IntValue, int.MinValue, int.MaxValue),
        (FieldType.Enum, MetricValue.KindOneofCase.StringValue) => field.EnumType.FindValueByName(value.StringValue)?.Number,
        _ => null,
    };
}
