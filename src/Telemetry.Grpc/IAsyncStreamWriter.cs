namespace Telemetry.Grpc;

/// <summary>A stream of outgoing messages. One write at a time.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IAsyncStreamWriter<in T>
{
    /// <summary>Write options of the following messages.</summary>
    WriteFlags WriteFlags { get; set; }

    /// <summary>Writes one message and, unless <see cref="WriteFlags.BufferHint"/> is set, flushes it.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
