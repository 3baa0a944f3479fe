namespace Telemetry.Grpc;

/// <summary>The server side of one call, as a handler and an interceptor see it.</summary>
public abstract class ServerCallContext
{
    /// <summary>The method's path, e.g. <c>/grpc.health.v1.Health/Check</c>.</summary>
    public abstract string Method { get; }

    /// <summary>
    /// The call's deadline in UTC, from <c>grpc-timeout</c>; <see cref="DateTime.MaxValue"/> when none. When it passes,
    /// <see cref="CancellationToken"/> fires; the DEADLINE_EXCEEDED status is sent once the handler returns, so
    /// handlers must observe the token.
    /// </summary>
    public abstract DateTime Deadline { get; }

    /// <summary>Fires when the client cancels the call, the deadline passes or the connection is lost.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>The request's custom metadata (reserved protocol headers excluded).</summary>
    public abstract Metadata RequestHeaders { get; }

    /// <summary>Trailers sent with the status when the call ends.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status the call ends with when the handler returns normally. Defaults to OK.</summary>
    public abstract Status Status { get; set; }

    /// <summary>Write options of the next response messages (e.g. <see cref="WriteFlags.NoCompress"/>).</summary>
    public abstract WriteFlags WriteFlags { get; set; }

    /// <summary>The compression of request messages (<c>grpc-encoding</c>, e.g. <c>gzip</c>), or null for none.</summary>
    public abstract string? RequestCompression { get; }

    /// <summary>
    /// The compression of response messages (<c>gzip</c>) or null for none. Starts from
    /// <see cref="GrpcServerOptions.ResponseCompression"/> when the client accepts it; may be changed until the
    /// response headers are sent, and only to an encoding the client listed in <c>grpc-accept-encoding</c>.
    /// </summary>
    public abstract string? ResponseCompression { get; set; }

    /// <summary>Per-call state shared between interceptors and the handler.</summary>
    public abstract IDictionary<object, object?> UserState { get; }

    /// <summary>Sends the response headers now, with <paramref name="responseHeaders"/>; allowed once, before any message.</summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);
}
