using System.Text;

namespace Telemetry.Upload.Internal;

/// <summary>A raw stream entry: its ID and its field values by name.</summary>
internal sealed record StreamEntry(string Id, IReadOnlyDictionary<string, byte[]> Fields)
{
    // The buffer writes the same field names into every entry: their strings are reused rather than decoded each time.
    private static readonly (byte[] Utf8, string Text)[] KnownFields =
        [.. new[] { BufferKeys.ReportField, BufferKeys.ReportIdField, BufferKeys.ProductField, BufferKeys.ArrivalField }
            .Select(name => (Encoding.UTF8.GetBytes(name), name))];

    /// <summary>The milliseconds part of the entry ID: when the entry was added.</summary>
    public long IdMilliseconds => StreamIds.Milliseconds(Id);

    public string? Text(string field) => Fields.TryGetValue(field, out var value) ? Encoding.UTF8.GetString(value) : null;

    /// <summary>A field name as sent by Redis, as a string.</summary>
    public static string FieldName(ReadOnlySpan<byte> name)
    {
        foreach (var (utf8, text) in KnownFields)
        {
            if (name.SequenceEqual(utf8))
            {
                return text;
            }
        }

        return Encoding.UTF8.GetString(name);
    }
}
