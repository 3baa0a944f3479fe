namespace Telemetry.Grpc;

/// <summary>Per-call options of the client.</summary>
public readonly record struct CallOptions
{
    /// <summary>The deadline, in UTC; the call ends with DEADLINE_EXCEEDED after it. Null for none.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>Custom request metadata.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>Cancels the call (RST_STREAM to the server); the call then fails with CANCELLED.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Compression of request messages (<c>gzip</c>), or null for none.</summary>
    public string? RequestCompression { get; init; }

    /// <summary>
    /// Write options of the request message of unary and server-streaming calls, and the initial options of
    /// request streams (e.g. <see cref="WriteFlags.NoCompress"/>).
    /// </summary>
    public WriteFlags WriteFlags { get; init; }
}
