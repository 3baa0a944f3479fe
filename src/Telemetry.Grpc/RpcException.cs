using Google.Protobuf.WellKnownTypes;
using Telemetry.Grpc.Internal;

namespace Telemetry.Grpc;

/// <summary>
/// A call ended with a status other than OK. Handlers throw it to end a call with that status; the client throws
/// it when a call fails.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status)
        : this(status, new Metadata(), [])
    {
    }

    public RpcException(Status status, Metadata trailers)
        : this(status, trailers, [])
    {
    }

    /// <summary>
    /// Creates an exception carrying rich error details, sent as <c>grpc-status-details-bin</c> (a
    /// <c>google.rpc.Status</c> whose code and message always equal <paramref name="status"/>).
    /// </summary>
    public RpcException(Status status, Metadata trailers, IReadOnlyList<Any> details)
        : base(status.ToString())
    {
        ArgumentNullException.ThrowIfNull(trailers);
        ArgumentNullException.ThrowIfNull(details);
        Status = status;
        Trailers = trailers;
        Details = details;
    }

    /// <summary>The status of the call.</summary>
    public Status Status { get; }

    /// <summary>The status code of the call.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>The trailers: sent after the status by a handler, received with it by the client.</summary>
    public Metadata Trailers { get; }

    /// <summary>The details of <c>google.rpc.Status</c>; empty when the call carried none.</summary>
    public IReadOnlyList<Any> Details { get; }

    internal static RpcException FromTrailers(Status status, Metadata trailers)
    {
        var details = trailers.GetValueBytes(RichStatus.HeaderName) is { } bytes
            && RichStatus.TryParse(bytes, out var code, out _, out var parsed)
            && code == (int)status.StatusCode
            ? parsed
            : (IReadOnlyList<Any>)[];
        return new RpcException(status, trailers, details);
    }
}
