namespace Telemetry.Server.Diagnostics;

/// <summary>Whether the collector can acknowledge reports: Redis answers and the collector is not stopping.</summary>
internal sealed class Readiness
{
    private volatile bool _bufferReachable;

    public bool IsReady => _bufferReachable;

    public void SetBufferReachable(bool reachable) => _bufferReachable = reachable;
}
