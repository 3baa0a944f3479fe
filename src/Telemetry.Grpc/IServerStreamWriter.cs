namespace Telemetry.Grpc;

/// <summary>The response stream of a server-streaming or duplex handler.</summary>
/// <typeparam name="T">The response message type.</typeparam>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}
