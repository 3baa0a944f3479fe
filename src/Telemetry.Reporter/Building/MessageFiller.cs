using System.Collections;
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
/// Scalar fields take string, int and float metrics (bool fields take an int metric, non-zero meaning true);
/// Counter, Statistics, Histogram and DistinctCount fields take the metric of that kind. A map with string keys takes
/// an entry per metric under its name: <c>telegraf_plugins.cpu</c> is the entry <c>cpu</c> of
/// <c>telegraf_plugins</c>, and <c>applications_by_kind.deployment.instances</c> fills <c>instances</c> in the entry
/// <c>deployment</c> (keys are metric name segments, so lower_snake_case). Repeated fields, and map entries whose
/// keys are not names, are left to the product's builder. A metric whose kind does not fit its field
/// is ignored.
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

    /// <summary>Fills <paramref name="message"/>; returns whether any field was set.</summary>
    public static bool Fill(IMessage message, string prefix, RegistrySnapshot snapshot)
    {
        var filled = false;
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var name = prefix + field.Name;
            if (field.IsMap)
            {
                filled |= FillMapField(message, field, name, snapshot);
                continue;
            }

            if (field.IsRepeated)
            {
                continue;
            }

            if (field.FieldType == FieldType.Message)
            {
                filled |= FillMessageField(message, field, name, snapshot);
            }
            else if (snapshot.Values.TryGetValue(name, out var value) && Convert(field.FieldType, value) is { } converted)
            {
                field.Accessor.SetValue(message, converted);
                filled = true;
            }
        }

        return filled;
    }

    private static bool FillMessageField(IMessage message, FieldDescriptor field, string name, RegistrySnapshot snapshot)
    {
        if (MetricMessages.ContainsKey(field.MessageType))
        {
            if (snapshot.Values.TryGetValue(name, out var value) && MetricMessage(field.MessageType, value) is { } metric)
            {
                field.Accessor.SetValue(message, metric);
                return true;
            }

            return false;
        }

        var prefix = name + ".";
        if (!snapshot.HasPrefix(prefix))
        {
            return false;
        }

        var child = (IMessage?)field.Accessor.GetValue(message) ?? field.MessageType.Parser.ParseFrom(ByteString.Empty);
        if (!Fill(child, prefix, snapshot))
        {
            return false;
        }

        field.Accessor.SetValue(message, child);
        return true;
    }

    // A map with string keys takes one entry per metric named "<map>.<key>": a scalar or metric value from the metric
    // itself, or a message value filled from the metrics under "<map>.<key>." (its key then ends at the first dot).
    // Entries go in key order, so a report's bytes do not depend on the registry's order.
    private static bool FillMapField(IMessage message, FieldDescriptor field, string name, RegistrySnapshot snapshot)
    {
        var keyField = field.MessageType.FindFieldByNumber(1);
        if (keyField.FieldType != FieldType.String)
        {
            return false;
        }

        var valueField = field.MessageType.FindFieldByNumber(2);
        var prefix = name + ".";
        var map = (IDictionary)field.Accessor.GetValue(message);
        var nested = valueField.FieldType == FieldType.Message && !MetricMessages.ContainsKey(valueField.MessageType);
        var keys = snapshot.Values.Keys
            .Where(metric => metric.Length > prefix.Length && metric.StartsWith(prefix, StringComparison.Ordinal))
            .Select(metric => metric[prefix.Length..])
            .Select(key => nested && key.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot ? key[..dot] : key)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var filled = false;
        foreach (var key in keys)
        {
            object? value;
            if (nested)
            {
                var child = valueField.MessageType.Parser.ParseFrom(ByteString.Empty);
                value = Fill(child, prefix + key + ".", snapshot) ? child : null;
            }
            else
            {
                var metric = snapshot.Values[prefix + key];
                value = valueField.FieldType == FieldType.Message
                    ? MetricMessage(valueField.MessageType, metric)
                    : Convert(valueField.FieldType, metric);
            }

            if (value is not null)
            {
                map[key] = value;
                filled = true;
            }
        }

        return filled;
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

    private static object? Convert(FieldType type, MetricValue value) => (type, value.KindCase) switch
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
        (FieldType.Bool, MetricValue.KindOneofCase.IntValue) => value.IntValue != 0,
        _ => null,
    };
}
