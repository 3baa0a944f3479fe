using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Telemetry.Intake.Tests.Infrastructure;
using Telemetry.Testing;

namespace Telemetry.Intake.Tests;

/// <summary>The relay: a local stand-in for the vendor's receiver gets what the operator lets out, and nothing else.</summary>
[TestFixture]
public sealed class RelayTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Forward_RetriedReport_ReachesTheVendorOnceWithTheOriginalBytes(CancellationToken cancellationToken)
    {
        // Arrange
        await using var vendor = await VendorStandIn.StartAsync(cancellationToken);
        await using var collector = await IntakeCollector.StartAsync(cancellationToken, new Dictionary<string, string?>
        {
            ["Intake:Relay:coroot:Mode"] = "Forward",
            ["Intake:Relay:coroot:Url"] = vendor.Url + "ce/usage-statistics",
        });
        var uuid = Guid.NewGuid().ToString();
        var body = VendorBodies.Coroot(uuid);

        // Act
        using var first = await collector.PostAsync("/ce/usage-statistics", body, cancellationToken);
        using var retry = await collector.PostAsync("/ce/usage-statistics", body, cancellationToken);
        var stored = await collector.StoredAsync(uuid, 1, cancellationToken);
        var forwarded = await collector.MetricAsync("telemetry_intake_relayed_total",
            "telemetry_intake_product=\"coroot\",telemetry_intake_relay_result=\"forwarded\"", 1, cancellationToken);


        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)first.StatusCode, Is.EqualTo(200));
            Assert.That((int)retry.StatusCode, Is.EqualTo(200));
            Assert.That(stored, Has.Count.EqualTo(1));
            Assert.That(vendor.Received.Select(r => r.Path), Is.EqualTo(new[] { "/ce/usage-statistics" }));
            Assert.That(vendor.Received.Single().Body, Is.EqualTo(Encoding.UTF8.GetBytes(body)), "the original bytes, unchanged");
            Assert.That(vendor.Received.Single().ContentType, Is.EqualTo("application/json"));
            Assert.That(forwarded, Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Block_Report_IsAnsweredAsTheVendorWouldButNeitherStoredNorSent(CancellationToken cancellationToken)
    {
        // Arrange
        await using var vendor = await VendorStandIn.StartAsync(cancellationToken);
        await using var collector = await IntakeCollector.StartAsync(cancellationToken, new Dictionary<string, string?>
        {
            ["Intake:Relay:influxdb:Mode"] = "Block",
            ["Intake:Relay:influxdb:Url"] = vendor.Url + "metrics/job/influxdb",
        });

        // Act
        using var response = await collector.PostAsync("/metrics/job/influxdb", InfluxDbBodies.TextBody("0a1b2c3d4e5f6a7b"), cancellationToken, InfluxDbBodies.Text);
        var blocked = await collector.MetricAsync("telemetry_intake_relayed_total",
            "telemetry_intake_product=\"influxdb\",telemetry_intake_relay_result=\"blocked\"", 1, cancellationToken);
        var buffered = await collector.BufferedAsync();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(202));
            Assert.That(buffered, Is.Empty);
            Assert.That(vendor.Received, Is.Empty);
            Assert.That(blocked, Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Record_Default_SendsNothingOut(CancellationToken cancellationToken)
    {
        // Arrange
        await using var vendor = await VendorStandIn.StartAsync(cancellationToken);
        await using var collector = await IntakeCollector.StartAsync(cancellationToken, new Dictionary<string, string?>
        {
            ["Intake:Relay:mimir:Url"] = vendor.Url + "mimir-usage-report",
        });
        var cluster = Guid.NewGuid().ToString();

        // Act
        using var response = await collector.PostAsync("/mimir-usage-report", GrafanaBodies.Mimir(cluster), cancellationToken);
        var stored = await collector.StoredAsync(cluster, 1, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(stored, Has.Count.EqualTo(1));
            Assert.That(vendor.Received, Is.Empty);
        });
    }

    /// <summary>A vendor's receiver on a free loopback port that records every request it gets.</summary>
    private sealed class VendorStandIn : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, byte[] Body, string? ContentType)> _received = new();

        private VendorStandIn(WebApplication app, string url)
        {
            _app = app;
            Url = url;
        }

        public string Url { get; }

        public List<(string Path, byte[] Body, string? ContentType)> Received => _received.ToList();

        public static async Task<VendorStandIn> StartAsync(CancellationToken cancellationToken)
        {
            var url = $"http://127.0.0.1:{FreePort.Next()}/";
            // A content root of its own: the test folder holds the collector's appsettings.json, whose named
            // endpoints would take the place of the stand-in's address.
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.CreateTempSubdirectory("vendor-").FullName });
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls(url);
            var app = builder.Build();
            var standIn = new VendorStandIn(app, url);
            app.MapPost("/{**path}", async (HttpContext http) =>
            {
                using var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body);
                standIn._received.Enqueue((http.Request.Path.Value!, body.ToArray(), http.Request.ContentType));
                return Results.Ok();
            });
            await app.StartAsync(cancellationToken);
            return standIn;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
