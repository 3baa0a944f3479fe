using System.Text;
using StackExchange.Redis;

namespace Telemetry.Buffer;

/// <summary>A raw entry of a buffer stream: its ID and its field values by name.</summary>
public sealed record BufferEntry(string Id, IReadOnlyDictionary<string, byte[]> Fields)
{
    /// <summary>The entry as StackExchange.Redis returns it; null for an entry deleted while it was pending.</summary>
    public static BufferEntry? From(StreamEntry entry)
    {
        if (entry.IsNull)
        {
            return null;
        }

        var fields = new Dictionary<string, byte[]>(entry.Values.Length, StringComparer.Ordinal);
        foreach (var value in entry.Values)
        {
            fields[FieldName(value.Name)] = (byte[]?)value.Value ?? [];
        }

        return new BufferEntry(entry.Id!, fields);
    }

    // The buffer writes the same field names into every entry: their strings are reused rather than decoded each time.
    private static readonly (byte[] Utf8, string Text)[] KnownFields =
        [.. new[] { BufferFields.Report, BufferFields.ReportId, BufferFields.Product, BufferFields.Arrival }
            .Select(name => (Encoding.UTF8.GetBytes(name), name))];

    /// <summary>The milliseconds part of the entry ID: when the entry was added.</summary>
    public long IdMilliseconds => StreamIds.Milliseconds(Id);

    public string? Text(string field) => Fields.TryGetValue(field, out var value) ? Encoding.UTF8.GetString(value) : null;

    /// <summary>A field name as sent by Redis, as a string.</summary>
    public static string FieldName(RedisValue name)
    {
        var bytes = (ReadOnlyMemory<byte>)name;
        foreach (var (utf8, text) in KnownFields)
        {
            if (bytes.Span.SequenceEqual(utf8))
            {
                return text;
            }
        }

        return (string)name!;
    }
}
