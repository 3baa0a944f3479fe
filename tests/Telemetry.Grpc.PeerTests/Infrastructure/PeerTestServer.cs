using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemetry.Grpc.PeerTests.TestObjects;
using Telemetry.Peertest.V1;

namespace Telemetry.Grpc.PeerTests.Infrastructure;

/// <summary>
/// The C# server the peers call: PeerTestService, health and reflection on an HTTP/2-only Kestrel endpoint bound to
/// 127.0.0.1 on a free port.
/// </summary>
internal sealed class PeerTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PeerTestServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The address clients use, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address => $"http://127.0.0.1:{Port}";

    public static async Task<PeerTestServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcServer()
            .AddService<PeerTestService>(PeerTestReflection.Descriptor.Services[0])
            .AddHealth()
            .AddReflection();

        var app = builder.Build();
        app.MapGrpcServer();
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reports no addresses.");
        var address = addresses.Addresses.Single();
        return new PeerTestServer(app, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
