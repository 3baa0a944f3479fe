using System.Text;
using StackExchange.Redis;

namespace Telemetry.Buffer;

/// <summary>A raw entry of a buffer stream: its ID and its field values as Redis sent them.</summary>
/// <remarks>
/// The values are the client's own: each field is looked up by name among the few an entry has, and handed out
/// without a copy, rather than copied into a dictionary of byte arrays. The uploader reads every report through here.
/// </remarks>
public sealed class BufferEntry
{
    private readonly NameValueEntry[] _values;

    /// <summary>An entry from its ID and its field/value pairs.</summary>
    public BufferEntry(string id, NameValueEntry[] values)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(values);
        Id = id;
        _values = values;
    }

    /// <summary>The entry ID, such as <c>1700000000000-0</c>.</summary>
    public string Id { get; }

    /// <summary>The milliseconds part of the entry ID: when the entry was added.</summary>
    public long IdMilliseconds => StreamIds.Milliseconds(Id);

    /// <summary>The entry as StackExchange.Redis returns it; null for an entry deleted while it was pending.</summary>
    public static BufferEntry? From(StreamEntry entry) => entry.IsNull ? null : new BufferEntry(entry.Id!, entry.Values);

    /// <summary>Whether the entry has <paramref name="field"/>.</summary>
    public bool Has(string field) => TryGet(field, out _);

    /// <summary>The value of <paramref name="field"/> (not copied); false when the entry lacks the field.</summary>
    public bool TryGet(string field, out ReadOnlyMemory<byte> value)
    {
        var name = FieldName.Utf8(field);
        foreach (var pair in _values)
        {
            if (((ReadOnlyMemory<byte>)pair.Name).Span.SequenceEqual(name))
            {
                value = pair.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// The value of <paramref name="field"/> as an integer; false when the entry lacks the field or it is not one. The
    /// client keeps a value that is a plain integer as a number, so this formats and parses no text.
    /// </summary>
    public bool TryGetInt64(string field, out long value)
    {
        value = 0;
        var name = FieldName.Utf8(field);
        foreach (var pair in _values)
        {
            if (((ReadOnlyMemory<byte>)pair.Name).Span.SequenceEqual(name))
            {
                return pair.Value.TryParse(out value);
            }
        }

        return false;
    }

    /// <summary>The value of <paramref name="field"/> as UTF-8 text; null when the entry lacks the field.</summary>
    public string? Text(string field) => TryGet(field, out var value) ? Encoding.UTF8.GetString(value.Span) : null;

    // The buffer writes the same few field names into every entry: their UTF-8 forms are kept rather than encoded at
    // each look-up.
    private static class FieldName
    {
        private static readonly (string Text, byte[] Utf8)[] Known =
            [.. new[]
            {
                BufferFields.Report, BufferFields.ReportId, BufferFields.Product, BufferFields.Arrival,
                BufferFields.Reason, BufferFields.Attempts, BufferFields.FirstSeen, BufferFields.SourceId,
            }.Select(name => (name, Encoding.UTF8.GetBytes(name)))];

        public static ReadOnlySpan<byte> Utf8(string field)
        {
            foreach (var (text, utf8) in Known)
            {
                if (ReferenceEquals(text, field) || text == field)
                {
                    return utf8;
                }
            }

            return Encoding.UTF8.GetBytes(field);
        }
    }
}
