using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Telemetry.Reporter.Building;

/// <summary>
/// Renders a report for people: the protobuf JSON mapping with the contract's field names
/// (<c>ring_kv_store</c>, not <c>ringKvStore</c>) and 64-bit integers as JSON numbers (<c>"alloc": 11640400</c>),
/// as the vendors document their payloads (beyond 2^53, where JSON numbers lose digits, they stay strings). <see cref="JsonParser"/> reads it back into the same message.
/// </summary>
internal static class ReportJson
{
    private const long MaxSafeInteger = 9_007_199_254_740_992;

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));

    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        // Keys such as "GET /collections" or "/p/$projectId" read as written; the JSON is served as JSON, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Format(IMessage message)
    {
        var node = JsonNode.Parse(Formatter.Format(message))!;
        NumbersAsNumbers(node, message.Descriptor);
        return node.ToJsonString(Output);
    }

    // The protobuf JSON mapping writes 64-bit integers as strings for JavaScript's sake; operators comparing a
    // preview with a vendor's documented payload expect numbers, and JsonParser accepts both. Beyond 2^53 a JSON
    // number loses digits in JavaScript and in JsonParser (which reads numbers as doubles), so those stay strings.
    private static void NumbersAsNumbers(JsonNode? node, MessageDescriptor descriptor)
    {
        // Well-known types (Timestamp, Duration, Struct, Value) have their own JSON forms.
        if (node is not JsonObject json || descriptor.File.Package == "google.protobuf")
        {
            return;
        }

        foreach (var (name, value) in json.ToList())
        {
            if (descriptor.FindFieldByName(name) is not { } field || value is null)
            {
                continue;
            }

            if (field.IsMap)
            {
                var valueField = field.MessageType.FindFieldByNumber(2);
                foreach (var (key, entry) in ((JsonObject)value).ToList())
                {
                    Convert(valueField, entry, replacement => value[key] = replacement);
                }
            }
            else if (field.IsRepeated)
            {
                var array = (JsonArray)value;
                for (var i = 0; i < array.Count; i++)
                {
                    var index = i;
                    Convert(field, array[i], replacement => array[index] = replacement);
                }
            }
            else
            {
                Convert(field, value, replacement => json[name] = replacement);
            }
        }
    }

    private static void Convert(FieldDescriptor field, JsonNode? value, Action<JsonNode> replace)
    {
        switch (field.FieldType)
        {
            case FieldType.Message:
                NumbersAsNumbers(value, field.MessageType);
                break;
            case FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64
                when value is JsonValue text && text.TryGetValue(out string? s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var signed) && Math.Abs(signed) <= MaxSafeInteger:
                replace(JsonValue.Create(signed));
                break;
            case FieldType.UInt64 or FieldType.Fixed64
                when value is JsonValue text && text.TryGetValue(out string? s) && ulong.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unsigned) && unsigned <= MaxSafeInteger:
                replace(JsonValue.Create(unsigned));
                break;
        }
    }
}
