using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemetry.Reporter.IntegrationTests.Infrastructure;
using Telemetry.Sample;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Reporter.IntegrationTests;

/// <summary>The sample service, in this process, reporting its request counts to the real collector.</summary>
[TestFixture]
public sealed class SampleAppTests
{
    private string _dataDirectory = string.Empty;

    [SetUp]
    public void SetUp() => _dataDirectory = Directory.CreateTempSubdirectory("telemetry-sample-it-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dataDirectory, recursive: true);

    [Test]
    [CancelAfter(90_000)]
    public async Task Sample_QueryRequests_ArriveAtTheCollectorAsMimirQuerierCounters(CancellationToken cancellationToken)
    {
        // Arrange
        // The sample reports every two seconds here, far more often than the default per-instance rate limit allows.
        var unlimited = new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" };
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), unlimited, cancellationToken: cancellationToken);
        var port = FreePort.Next();
        var events = new ReporterEvents();
        await using var app = SampleApp.Build(
            [
                // Named endpoints, because the collector's appsettings.json (copied beside the tests) names its own
                // and Kestrel would then ignore --urls: every name points at free ports of this test.
                $"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{port}",
                "--Kestrel:Endpoints:Grpc:Protocols=Http1AndHttp2",
                $"--Kestrel:Endpoints:Operations:Url=http://127.0.0.1:{FreePort.Next()}",
                $"--Kestrel:Endpoints:Intake:Url=http://127.0.0.1:{FreePort.Next()}",
                // Whichever appsettings.json is beside the tests, the ReportSent events this test waits for are logged.
                "--Logging:LogLevel:Default=Debug",
                $"--TelemetryReporter:Endpoint={collector.Endpoint}",
                $"--TelemetryReporter:DataDirectory={_dataDirectory}",
                "--TelemetryReporter:Interval=00:00:02",
                "--TelemetryReporter:Jitter=00:00:00",
                "--TelemetryReporter:Schedule=Aligned",
            ],
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Logging.SetMinimumLevel(LogLevel.Debug);
                builder.Services.AddSingleton<ILoggerProvider>(events);
            });
        await app.StartAsync(cancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        // Act
        for (var i = 0; i < 3; i++)
        {
            using var query = await client.GetAsync(new Uri("/api/v1/query?query=up", UriKind.Relative), cancellationToken);
            Assert.That(query.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (await client.GetAsync(new Uri("/api/v1/query_range?query=up", UriKind.Relative), cancellationToken))
        using (await client.GetAsync(new Uri("/api/v1/series", UriKind.Relative), cancellationToken))
        using (await client.GetAsync(new Uri("/api/v1/labels", UriKind.Relative), cancellationToken))
        using (await client.GetAsync(new Uri("/api/v1/labels", UriKind.Relative), cancellationToken))
        {
        }

        var preview = await client.GetStringAsync(new Uri("/telemetry/preview", UriKind.Relative), cancellationToken);

        // Every acknowledged report carries the counts since the one before: wait for reports until they add up.
        var stored = new List<UsageReport>();
        long seen = 0;
        while (Sum(stored, m => m.QuerierInstantQueryRequests) < 3 || Sum(stored, m => m.QuerierLabelsQueryRequests) < 2)
        {
            var sent = await events.WaitForAsync(e => e.Name == "ReportSent" && e.Sequence > seen, cancellationToken);
            seen = sent.Sequence;
            stored = (await collector.BufferedReportsAsync(SharedRedis.Server)).Where(r => r.PayloadCase == UsageReport.PayloadOneofCase.Mimir).ToList();
        }

        await app.StopAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(preview, Does.Contain("\"mimir\""));
            Assert.That(Sum(stored, m => m.QuerierInstantQueryRequests), Is.EqualTo(3));
            Assert.That(Sum(stored, m => m.QuerierRangeQueryRequests), Is.EqualTo(1));
            Assert.That(Sum(stored, m => m.QuerierSeriesQueryRequests), Is.EqualTo(1));
            Assert.That(Sum(stored, m => m.QuerierLabelsQueryRequests), Is.EqualTo(2));
            Assert.That(stored.Select(r => r.Mimir.Metrics.BlocksStorageBackend), Has.All.EqualTo("filesystem"));
            Assert.That(stored.Select(r => r.ReportId), Is.Unique);
        });
    }

    private static long Sum(IEnumerable<UsageReport> reports, Func<MimirMetrics, Counter?> counter) =>
        reports.Sum(r => counter(r.Mimir.Metrics)?.Total ?? 0);
}
