using System.Collections;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Telemetry.Reporter.Metrics;
using Telemetry.V1;

namespace Telemetry.Reporter.IntegrationTests.TestObjects;

/// <summary>
/// Registers a metric for every value of a payload that metrics can carry (strings, numbers and bools, in fields,
/// list elements and map entries, at any depth), named by its path with keys and indexes in brackets, and returns
/// the payload holding exactly those values. Timestamps, structs, bytes and metric-kind messages are left out.
/// </summary>
internal static class MetricFeeder
{
    private static readonly HashSet<MessageDescriptor> MetricKinds =
        [Counter.Descriptor, Statistics.Descriptor, Histogram.Descriptor, DistinctCount.Descriptor];

    public static IMessage Feed(IMessage payload, MetricRegistry registry) =>
        Project(payload, string.Empty, registry) ?? payload.Descriptor.Parser.ParseFrom(ByteString.Empty);

    private static IMessage? Project(IMessage message, string prefix, MetricRegistry registry)
    {
        var projected = message.Descriptor.Parser.ParseFrom(ByteString.Empty);
        var any = false;
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var name = prefix + field.Name;
            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                var valueField = field.MessageType.FindFieldByNumber(2);
                var target = (IDictionary)field.Accessor.GetValue(projected);
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!;
                    if (ProjectValue(valueField, entry.Value!, name + MetricRegistry.Key(key), registry) is { } kept)
                    {
                        target[entry.Key] = kept;
                        any = true;
                    }
                }
            }
            else if (field.IsRepeated)
            {
                var target = (IList)field.Accessor.GetValue(projected);
                var list = (IList)value;
                for (var i = 0; i < list.Count; i++)
                {
                    if (ProjectValue(field, list[i]!, name + MetricRegistry.Key(i.ToString(CultureInfo.InvariantCulture)), registry) is { } kept)
                    {
                        target.Add(kept);
                        any = true;
                    }
                }
            }
            else if (value is not null && (!field.HasPresence || field.Accessor.HasValue(message))
                && ProjectValue(field, value, name, registry) is { } kept)
            {
                field.Accessor.SetValue(projected, kept);
                any = true;
            }
        }

        return any ? projected : null;
    }

    private static object? ProjectValue(FieldDescriptor field, object value, string name, MetricRegistry registry)
    {
        if (value is IMessage nested)
        {
            return field.MessageType.File.Package == "google.protobuf" || MetricKinds.Contains(field.MessageType)
                ? null
                : Project(nested, name + ".", registry);
        }

        switch (value)
        {
            case string text:
                registry.StringValue(name).Set(text);
                return text;
            case bool flag:
                registry.IntValue(name).Set(flag ? 1 : 0);
                return flag;
            case int or long or uint:
                registry.IntValue(name).Set(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return value;
            case ulong number:
                registry.IntValue(name).Set((long)number);
                return number;
            case double number:
                registry.FloatValue(name).Set(number);
                return number;
            case float number:
                registry.FloatValue(name).Set(number);
                return number;
            default:
                return null;
        }
    }
}
