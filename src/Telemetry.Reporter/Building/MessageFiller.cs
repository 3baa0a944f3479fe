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
/// Counter, Statistics, Histogram and DistinctCount fields take the metric of that kind. Repeated and map fields
/// are left to the product's builder. A metric whose kind does not fit its field is ignored.
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
            if (field.IsRepeated || field.IsMap)
            {
                continue;
            }

            var name = prefix + field.Name;
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
        if (MetricMessages.TryGetValue(field.MessageType, out var kind))
        {
            if (snapshot.Values.TryGetValue(name, out var value) && value.KindCase == kind)
            {
                field.Accessor.SetValue(message, kind switch
                {
                    MetricValue.KindOneofCase.Counter => value.Counter.Clone(),
                    MetricValue.KindOneofCase.Statistics => value.Statistics.Clone(),
                    MetricValue.KindOneofCase.Histogram => value.Histogram.Clone(),
                    _ => value.DistinctCount.Clone(),
                });
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
