namespace Telemetry.Grpc.Internal;

/// <summary>The untyped parts of a client call, shared by the public call objects.</summary>
internal interface IClientCall : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    Status GetStatus();

    Metadata GetTrailers();
}
