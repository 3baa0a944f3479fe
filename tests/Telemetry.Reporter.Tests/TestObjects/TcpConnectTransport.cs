using System.Net.Sockets;
using Telemetry.Reporter.Transport;
using Telemetry.V1;

namespace Telemetry.Reporter.Tests.TestObjects;

/// <summary>
/// Connects to the configured collector endpoint for every report, as a network transport does, and reports it
/// accepted. Stands in for the gRPC transport so opt-out tests can watch a real listening socket.
/// </summary>
public sealed class TcpConnectTransport(Uri endpoint) : IReportTransport
{
    public async Task<ReportSendResult> SendAsync(UsageReport report, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
        return ReportSendResult.Accepted;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
