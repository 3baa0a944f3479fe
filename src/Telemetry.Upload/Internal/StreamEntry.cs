namespace Telemetry.Upload.Internal;

/// <summary>A raw stream entry: its ID and its field values by name.</summary>
internal sealed record StreamEntry(string Id, IReadOnlyDictionary<string, byte[]> Fields)
{
    /// <summary>The milliseconds part of the entry ID: when the entry was added.</summary>
    public long IdMilliseconds => StreamIds.Milliseconds(Id);

    public string? Text(string field) => Fields.TryGetValue(field, out var value) ? System.Text.Encoding.UTF8.GetString(value) : null;
}
