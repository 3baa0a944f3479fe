using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Telemetry.Reporter.IntegrationTests.TestObjects;

/// <summary>
/// Sets every field of a message that is still unset, recursively, to a distinct value: two elements per repeated
/// field and two entries per map, with keys in the vendors' own forms ("CPUNode", "GET /collections", "/p/$projectId",
/// status codes); histograms get bounds, counts and a total that agree. Fields already set (from a vendor's documented
/// example) are kept and completed.
/// </summary>
internal sealed class FullPayload
{
    private static readonly string[] StringKeys = ["CPUNode", "GET /collections"];
    private static readonly string[] OtherStringKeys = ["/p/$projectId", "-CPU"];
    private int _next = 1;

    public static T Complete<T>(T message)
        where T : IMessage
    {
        new FullPayload().Fill(message, depth: 0);
        return message;
    }

    private void Fill(IMessage message, int depth)
    {
        if (message is Value value)
        {
            value.StringValue = value.KindCase == Value.KindOneofCase.None ? Text() : value.StringValue;
            return;
        }

        if (message is Struct structure)
        {
            structure.Fields[Text()] = Value.ForNumber(_next++);
            return;
        }

        if (message is Telemetry.V1.Histogram histogram)
        {
            FillHistogram(histogram);
            return;
        }

        if (message is Timestamp timestamp)
        {
            timestamp.Seconds = timestamp.Seconds == 0 ? 1_700_000_000 + _next++ : timestamp.Seconds;
            return;
        }

        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.IsMap)
            {
                FillMap(field, (IDictionary)field.Accessor.GetValue(message), depth);
            }
            else if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                if (list.Count == 0)
                {
                    list.Add(NewValue(field, depth));
                    list.Add(NewValue(field, depth));
                }
                else if (field.FieldType == FieldType.Message)
                {
                    foreach (IMessage element in list)
                    {
                        Fill(element, depth + 1);
                    }
                }
            }
            else if (field.FieldType == FieldType.Message)
            {
                var child = (IMessage?)field.Accessor.GetValue(message) ?? field.MessageType.Parser.ParseFrom(ByteString.Empty);
                Fill(child, depth + 1);
                field.Accessor.SetValue(message, child);
            }
            else if (!field.HasPresence ? IsDefault(field.Accessor.GetValue(message)) : !field.Accessor.HasValue(message))
            {
                field.Accessor.SetValue(message, NewValue(field, depth));
            }
        }
    }

    // A histogram is valid only as a whole (one more count than bounds, increasing bounds, count = sum of counts),
    // so its fields get values that agree instead of one distinct value each.
    private void FillHistogram(Telemetry.V1.Histogram histogram)
    {
        if (histogram.Counts.Count > 0)
        {
            return;
        }

        var n = _next++;
        histogram.Bounds.Add([n + 0.5, n + 1.5]);
        histogram.Counts.Add([(ulong)n, 1UL, 2UL]);
        histogram.Count = (ulong)n + 3;
        histogram.Sum = n * 2.5;
    }

    private void FillMap(FieldDescriptor field, IDictionary map, int depth)
    {
        var keyField = field.MessageType.FindFieldByNumber(1);
        var valueField = field.MessageType.FindFieldByNumber(2);
        if (map.Count == 0)
        {
            var keys = keyField.FieldType == FieldType.String ? (_next % 2 == 0 ? StringKeys : OtherStringKeys) : null;
            for (var i = 0; i < 2; i++)
            {
                object key = keys is not null ? keys[i] : keyField.FieldType switch
                {
                    FieldType.Int32 => i == 0 ? 200 : 0,
                    FieldType.UInt32 => (uint)(i + 1),
                    FieldType.Int64 => (long)(i + 1),
                    _ => (ulong)(i + 1),
                };
                map[key] = NewValue(valueField, depth);
            }

            return;
        }

        if (valueField.FieldType == FieldType.Message)
        {
            foreach (DictionaryEntry entry in map)
            {
                Fill((IMessage)entry.Value!, depth + 1);
            }
        }
    }

    private object NewValue(FieldDescriptor field, int depth)
    {
        var n = _next++;
        switch (field.FieldType)
        {
            case FieldType.Message:
                var message = field.MessageType.Parser.ParseFrom(ByteString.Empty);
                Fill(message, depth + 1);
                return message;
            case FieldType.String:
                return Text(n);
            case FieldType.Bytes:
                return ByteString.CopyFromUtf8(Text(n));
            case FieldType.Bool:
                return true;
            case FieldType.Double:
                return n + 0.5;
            case FieldType.Float:
                return n + 0.5f;
            case FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32:
                return n;
            case FieldType.UInt32 or FieldType.Fixed32:
                return (uint)n;
            case FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64:
                return 1_000L * n;
            case FieldType.UInt64 or FieldType.Fixed64:
                return 1_000UL * (ulong)n;
            case FieldType.Enum:
                return field.EnumType.Values.Count > 1 ? field.EnumType.Values[1].Number : 0;
            default:
                throw new NotSupportedException(field.FieldType.ToString());
        }
    }

    private string Text(int? n = null) => $"value-{n ?? _next++}";

    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        ByteString bytes => bytes.IsEmpty,
        bool flag => !flag,
        double number => number == 0,
        float number => number == 0,
        int number => number == 0,
        uint number => number == 0,
        long number => number == 0,
        ulong number => number == 0,
        System.Enum number => Convert.ToInt32(number, System.Globalization.CultureInfo.InvariantCulture) == 0,
        _ => false,
    };
}
