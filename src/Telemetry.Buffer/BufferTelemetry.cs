namespace Telemetry.Buffer;

/// <summary>Names the collector's metrics and spans share for the buffer.</summary>
public static class BufferTelemetry
{
    /// <summary>Attribute naming the buffer shard, on the buffer's gauges and the uploader's instruments and spans.</summary>
    public const string ShardAttribute = "telemetry.buffer.shard";
}
