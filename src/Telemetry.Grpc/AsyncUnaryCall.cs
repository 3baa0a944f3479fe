using System.Runtime.CompilerServices;
using Telemetry.Grpc.Internal;

namespace Telemetry.Grpc;

/// <summary>A unary call in progress. Await it, or <see cref="ResponseAsync"/>, for the response.</summary>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly IClientCall _call;

    internal AsyncUnaryCall(Task<TResponse> responseAsync, IClientCall call)
    {
        ResponseAsync = responseAsync;
        _call = call;
    }

    /// <summary>The response; faults with <see cref="RpcException"/> when the status is not OK.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>The response headers (for a Trailers-Only response, its metadata).</summary>
    internal IClientCall Call => _call;

    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>The status; available once the call has finished.</summary>
    public Status GetStatus() => _call.GetStatus();

    /// <summary>The trailers; available once the call has finished.</summary>
    public Metadata GetTrailers() => _call.GetTrailers();

    /// <summary>Cancels the call if it is still running and frees its resources.</summary>
    public void Dispose() => _call.Dispose();
}
