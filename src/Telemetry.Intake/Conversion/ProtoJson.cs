using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Telemetry.Intake.Internal;

namespace Telemetry.Intake.Conversion;

/// <summary>
/// Parses a vendor's JSON into a contract message whose fields keep the vendor's names. Fields the contract does
/// not model are ignored by the parser and listed by <see cref="UnknownFields"/>, so that they are counted.
/// </summary>
internal static class ProtoJson
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Reads the body as a JSON object; a clear <see cref="IntakeFormatException"/> when it is not one.</summary>
    public static JsonObject ReadObject(ReadOnlySpan<byte> body)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body, documentOptions: DocumentOptions);
        }
        catch (JsonException exception)
        {
            throw new IntakeFormatException("body", $"not valid JSON ({exception.Message})", exception);
        }

        return node as JsonObject ?? throw new IntakeFormatException("body", "a JSON object is required.");
    }

    /// <summary>Parses <paramref name="json"/> into a <typeparamref name="T"/>; a type mismatch names the field.</summary>
    public static T Parse<T>(JsonNode json, string field)
        where T : IMessage<T>, new()
    {
        try
        {
            return Parser.Parse<T>(json.ToJsonString());
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new IntakeFormatException(field, exception.Message, exception);
        }
        catch (InvalidJsonException exception)
        {
            throw new IntakeFormatException(field, exception.Message, exception);
        }
    }

    /// <summary>
    /// Paths (dot-separated, map keys and array indexes left out) of the members of <paramref name="json"/> that
    /// <paramref name="descriptor"/> has no field for, under <paramref name="prefix"/>.
    /// </summary>
    public static void UnknownFields(JsonNode? json, MessageDescriptor descriptor, string prefix, List<string> unknown)
    {
        if (json is not JsonObject obj || IsWellKnown(descriptor))
        {
            return;
        }

        foreach (var (name, value) in obj)
        {
            var field = descriptor.FindFieldByName(name) ?? descriptor.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name);
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (field is null)
            {
                unknown.Add(path);
            }
            else if (field.IsMap && field.MessageType.FindFieldByNumber(2) is { FieldType: FieldType.Message } mapValue && value is JsonObject entries)
            {
                foreach (var (_, entry) in entries)
                {
                    UnknownFields(entry, mapValue.MessageType, path, unknown);
                }
            }
            else if (field.FieldType == FieldType.Message && !field.IsMap)
            {
                if (value is JsonArray items)
                {
                    foreach (var item in items)
                    {
                        UnknownFields(item, field.MessageType, path, unknown);
                    }
                }
                else
                {
                    UnknownFields(value, field.MessageType, path, unknown);
                }
            }
        }
    }

    // Struct, Value, Timestamp and the like have their own JSON forms rather than fields.
    private static bool IsWellKnown(MessageDescriptor descriptor) => descriptor.File.Package == "google.protobuf";
}
