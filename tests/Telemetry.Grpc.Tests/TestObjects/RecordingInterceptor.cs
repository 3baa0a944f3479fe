using System.Collections.Concurrent;

namespace Telemetry.Grpc.Tests.TestObjects;

/// <summary>Rejects calls without <c>authorization</c> and records the method and outcome of every call.</summary>
public sealed class RecordingInterceptor : IServerInterceptor
{
    public ConcurrentQueue<(string Method, StatusCode Status)> Calls { get; } = new();

    public async Task InterceptAsync(ServerCallContext context, ServerCallContinuation continuation)
    {
        if (context.RequestHeaders.GetValue("authorization") != "Bearer test")
        {
            Calls.Enqueue((context.Method, StatusCode.Unauthenticated));
            throw new RpcException(new Status(StatusCode.Unauthenticated, "Missing or invalid credentials."));
        }

        try
        {
            await continuation(context);
            Calls.Enqueue((context.Method, context.Status.StatusCode));
        }
        catch (Exception ex)
        {
            // Any other exception ends the call with UNKNOWN.
            Calls.Enqueue((context.Method, ex is RpcException rpc ? rpc.StatusCode : StatusCode.Unknown));
            throw;
        }
    }
}
