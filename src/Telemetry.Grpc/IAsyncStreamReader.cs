namespace Telemetry.Grpc;

/// <summary>A stream of incoming messages.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNext"/>.</summary>
    T Current { get; }

    /// <summary>Reads the next message; false at the end of the stream.</summary>
    ValueTask<bool> MoveNext(CancellationToken cancellationToken = default);
}
