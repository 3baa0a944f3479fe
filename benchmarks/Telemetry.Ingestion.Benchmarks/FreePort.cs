using System.Net;
using System.Net.Sockets;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>
/// A TCP port on 127.0.0.1 that nothing listens on. (Telemetry.Testing has the same helper, but it brings the test
/// framework with it, which a console program cannot have.)
/// </summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
