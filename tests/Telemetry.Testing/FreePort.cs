using System.Net;
using System.Net.Sockets;

namespace Telemetry.Testing;

/// <summary>Finds a TCP port on 127.0.0.1 that nothing listens on.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
