namespace Telemetry.Grpc;

/// <summary>
/// Runs around every call, before the request is read and after the handler returns, for logging, authentication
/// and metrics. Throw an <see cref="RpcException"/> to reject a call; <see cref="ServerCallContext.Status"/> holds the
/// status of a call that returned normally.
/// </summary>
public interface IServerInterceptor
{
    Task InterceptAsync(ServerCallContext context, ServerCallContinuation continuation);
}
