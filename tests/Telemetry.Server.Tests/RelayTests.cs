using Grpc.Core;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>A site collector relays what it receives to a central collector (Upload:Sink = upstream).</summary>
[TestFixture]
public sealed class RelayTests
{
    private const string AdminToken = "admin-secret";

    [Test]
    [CancelAfter(60_000)]
    public async Task Report_SentToSiteCollector_ReachesTheCentralSinkExactlyOnce(CancellationToken cancellationToken)
    {
        // Arrange
        var common = new Dictionary<string, string?>
        {
            ["Upload:RunInCollector"] = "true",
            ["Upload:BatchMaxAge"] = "00:00:00.100",
            ["RateLimiting:Enabled"] = "false",
            ["Authentication:AdminToken"] = AdminToken,
        };
        await using var central = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest() + "central:", common, cancellationToken: cancellationToken);
        var site = new Dictionary<string, string?>(common)
        {
            ["Upload:Sink"] = "upstream",
            ["Upload:Upstream:Address"] = central.Endpoint.ToString(),
        };
        await using var siteCollector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest() + "site:", site, cancellationToken: cancellationToken);
        var instance = Guid.NewGuid().ToString();
        var reports = Enumerable.Range(0, 20).Select(_ => Reports.Generic(instance)).ToList();
        var request = new IngestReportsRequest { Reports = { reports } };
        var options = new CallOptions(cancellationToken: cancellationToken);

        // Act
        await siteCollector.Ingest.IngestReportsAsync(request, options);
        await siteCollector.Ingest.IngestReportsAsync(request, options);
        var stored = await WaitForStoredAsync(central, instance, reports.Count, cancellationToken);

        // Assert
        Assert.That(stored, Is.EquivalentTo(reports.Select(r => r.ReportId)));
    }

    private static async Task<List<string>> WaitForStoredAsync(Collector collector, string instance, int count, CancellationToken cancellationToken)
    {
        var admin = new CallOptions(new Metadata { { "authorization", "Bearer " + AdminToken } }, cancellationToken: cancellationToken);
        while (true)
        {
            using var call = collector.Admin.ExportInstanceData(new ExportInstanceDataRequest { InstanceKey = instance }, admin);
            var stored = new List<string>();
            while (await call.ResponseStream.MoveNext(cancellationToken))
            {
                if (call.ResponseStream.Current.Location == "files")
                {
                    stored.Add(call.ResponseStream.Current.Report.ReportId);
                }
            }

            if (stored.Count >= count)
            {
                return stored;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
