using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Telemetry.Testing;

namespace Telemetry.Server.Tests.Otlp;

/// <summary>
/// An OTLP/HTTP receiver on a free loopback port: it keeps every span POSTed to <c>/v1/traces</c> (binary
/// protobuf) and accepts metrics and logs without reading them.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Scope, Span Span)> _spans = new();

    private OtlpReceiver(WebApplication app, int port)
    {
        _app = app;
        Endpoint = $"http://127.0.0.1:{port}";
    }

    /// <summary>The value for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Every span received so far, with the name of its instrumentation scope.</summary>
    public IReadOnlyList<(string Scope, Span Span)> Spans => _spans.ToList();

    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port, listen => listen.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, port);
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var request = ExportTraceServiceRequest.Parser.ParseFrom(body.ToArray());
            foreach (var scope in request.ResourceSpans.SelectMany(r => r.ScopeSpans))
            {
                foreach (var span in scope.Spans)
                {
                    receiver._spans.Enqueue((scope.Scope?.Name ?? string.Empty, span));
                }
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/{signal}", () => Results.Bytes([], "application/x-protobuf"));
        await app.StartAsync(cancellationToken);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
