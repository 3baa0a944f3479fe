using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemetry.Buffer;
using Telemetry.Upload.Sinks;
using Telemetry.Upload.Tests.Infrastructure;
using Telemetry.Upload.Tests.TestObjects;

namespace Telemetry.Upload.Tests;

/// <summary>
/// The relay sink against a minimal in-test <c>IngestService</c> served by the project's gRPC server on Kestrel
/// (the real ingestion service has no gRPC host yet).
/// </summary>
[TestFixture]
public sealed class UpstreamReportSinkTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Run_UpstreamSink_RelaysEveryReportOnceDeadLettersRejectedAndRetriesRateLimited(CancellationToken cancellationToken)
    {
        // Arrange
        var (_, redis) = await Servers.RedisAsync();
        var prefix = Servers.KeyPrefix();
        var buffer = new TestBuffer(redis, new BufferKeyspace(prefix, 4));
        await buffer.CreateGroupsAsync();
        var reports = Enumerable.Range(0, 200).Select(_ => TestReports.Create()).ToList();
        await buffer.AddManyAsync(reports);
        await buffer.AddManyAsync(reports.Take(10));
        var service = new RecordingIngestService { RejectReportId = reports[3].ReportId, RateLimitOnceReportId = reports[5].ReportId };
        var (app, address) = await StartUpstreamAsync(service);
        await using var _ = app;
        var options = UploaderRun.TestOptions(prefix, o =>
        {
            o.Sink = "upstream";
            o.Upstream.Address = address;
        });
        using var sink = new UpstreamReportSink(Options.Create(options));

        // Act
        await using (UploaderRun.Start(redis, sink, options))
        {
            await Eventually.UntilAsync(async () => await buffer.LengthAsync() == 0, TimeSpan.FromSeconds(30), "the buffer is drained", cancellationToken);
        }

        // Assert
        var letters = new List<DeadLetter>();
        await foreach (var letter in new DeadLetterStore(redis, Options.Create(options)).ListAsync(cancellationToken))
        {
            letters.Add(letter);
        }

        Assert.Multiple(() =>
        {
            Assert.That(service.Stored.Keys, Is.EquivalentTo(reports.Where(r => r.ReportId != reports[3].ReportId).Select(r => r.ReportId)));
            // reports[3] was buffered twice (a retry past the dedup window), so both of its entries are dead letters.
            Assert.That(letters.Select(l => (l.ReportId, l.Reason)), Is.EqualTo(Enumerable.Repeat((reports[3].ReportId, "rejected upstream: report.mimir: unknown payload version"), 2)));
            Assert.That(service.RequestIds, Is.All.Not.Empty);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Write_NothingListening_FailsAsUnavailable(CancellationToken cancellationToken)
    {
        // Arrange
        var options = UploaderRun.TestOptions("t:", o => o.Upstream.Address = $"http://127.0.0.1:{Telemetry.Testing.FreePort.Next()}");
        using var sink = new UpstreamReportSink(Options.Create(options));
        var report = TestReports.Create();

        // Act + Assert
        await Task.Yield();
        Assert.ThrowsAsync<SinkUnavailableException>(() => sink.WriteAsync(
            [new BufferedReport(0, "0-1", report.ReportId, "mimir", DateTimeOffset.UtcNow, Google.Protobuf.MessageExtensions.ToByteArray(report), report)],
            cancellationToken));
    }

    private static async Task<(WebApplication App, string Address)> StartUpstreamAsync(RecordingIngestService service)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(service);
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<RecordingIngestService>();
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
