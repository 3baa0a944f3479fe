using System.Collections;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Telemetry.Contracts.Tests.Infrastructure;

/// <summary>
/// Walks a JSON document alongside the message parsed from it and lists every JSON value that the message
/// does not hold, so a golden test proves that no value was lost or altered.
/// </summary>
internal sealed class JsonValueComparer
{
    private readonly List<string> _differences = [];

    public int ComparedValues { get; private set; }

    public IReadOnlyList<string> Differences => _differences;

    public static JsonValueComparer Compare(JsonElement json, IMessage message)
    {
        var comparer = new JsonValueComparer();
        comparer.CompareMessage(json, message, "$");
        return comparer;
    }

    private void CompareMessage(JsonElement json, IMessage message, string path)
    {
        if (message is Timestamp timestamp)
        {
            var expected = DateTime.Parse(json.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            Check(timestamp.ToDateTime() == expected, path, json, timestamp);
            return;
        }

        foreach (var property in json.EnumerateObject())
        {
            var field = message.Descriptor.Fields.InDeclarationOrder()
                .FirstOrDefault(f => f.JsonName == property.Name || f.Name == property.Name);
            var propertyPath = $"{path}.{property.Name}";
            if (field is null)
            {
                _differences.Add($"{propertyPath}: no field in {message.Descriptor.FullName}");
                continue;
            }

            CompareField(property.Value, field, field.Accessor.GetValue(message), propertyPath);
        }
    }

    private void CompareField(JsonElement json, FieldDescriptor field, object? value, string path)
    {
        if (field.IsMap)
        {
            var map = (IDictionary)value!;
            var valueField = field.MessageType.FindFieldByNumber(2);
            foreach (var entry in json.EnumerateObject())
            {
                if (!map.Contains(entry.Name))
                {
                    _differences.Add($"{path}[{entry.Name}]: missing map entry");
                    continue;
                }

                CompareSingle(entry.Value, valueField, map[entry.Name], $"{path}[{entry.Name}]");
            }

            Check(map.Count == json.EnumerateObject().Count(), path, json, map.Count);
            return;
        }

        if (field.IsRepeated)
        {
            var list = (IList)value!;
            var elements = json.EnumerateArray().ToList();
            Check(list.Count == elements.Count, path, json, list.Count);
            for (var i = 0; i < Math.Min(list.Count, elements.Count); i++)
            {
                CompareSingle(elements[i], field, list[i], $"{path}[{i}]");
            }

            return;
        }

        CompareSingle(json, field, value, path);
    }

    private void CompareSingle(JsonElement json, FieldDescriptor field, object? value, string path)
    {
        switch (field.FieldType)
        {
            case FieldType.Message:
                CompareMessage(json, (IMessage)value!, path);
                return;
            case FieldType.String:
                Check(json.GetString() == (string)value!, path, json, value);
                return;
            case FieldType.Bool:
                Check(json.GetBoolean() == (bool)value!, path, json, value);
                return;
            case FieldType.Bytes:
                Check(json.GetString() == ((ByteString)value!).ToBase64(), path, json, value);
                return;
            default:
                Check(json.GetDouble() == Convert.ToDouble(value, CultureInfo.InvariantCulture), path, json, value);
                return;
        }
    }

    private void Check(bool equal, string path, JsonElement json, object? value)
    {
        ComparedValues++;
        if (!equal)
        {
            _differences.Add($"{path}: JSON {json.GetRawText()} but message holds {value}");
        }
    }
}
