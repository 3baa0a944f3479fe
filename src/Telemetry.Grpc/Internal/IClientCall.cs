namespace Telemetry.Grpc.Internal;

/// <summary>The untyped parts of a client call, shared by the public call objects.</summary>
internal interface IClientCall : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>Whether the last response message arrived compressed (for tests of compression).</summary>
    bool LastResponseCompressed { get; }

    Status GetStatus();

    Metadata GetTrailers();
}
