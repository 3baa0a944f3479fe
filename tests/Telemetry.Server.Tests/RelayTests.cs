using Grpc.Core;
using Telemetry.Contracts.Privacy;
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

    [CancelAfter(60_000)]
    [TestCase(true, 1)]
    [TestCase(false, 2)]
    public async Task Report_RelayedWithOrWithoutATrustedRelayKey_KeyedHashFieldIsHashedOnceOrTwice(
        bool trusted, int expectedHashes, CancellationToken cancellationToken)
    {
        // Arrange: the site presents its relay key; the central collector trusts it or not.
        const string RelayKey = "relay-key-of-the-site-0123456789abcdef";
        var common = new Dictionary<string, string?>
        {
            ["Upload:RunInCollector"] = "true",
            ["Upload:BatchMaxAge"] = "00:00:00.100",
            ["RateLimiting:Enabled"] = "false",
            ["Authentication:AdminToken"] = AdminToken,
        };
        var centralSettings = new Dictionary<string, string?>(common)
        {
            ["Privacy:RelayKeys:0"] = trusted ? RelayKey : "another-relay-key-0123456789abcdefghij",
        };
        await using var central = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest() + "central:", centralSettings, cancellationToken: cancellationToken);
        var site = new Dictionary<string, string?>(common)
        {
            ["Upload:Sink"] = "upstream",
            ["Upload:Upstream:Address"] = central.Endpoint.ToString(),
            ["Upload:Upstream:RelayKey"] = RelayKey,
        };
        await using var siteCollector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest() + "site:", site, cancellationToken: cancellationToken);
        var instance = Guid.NewGuid().ToString();
        var report = CorootWithUser(instance, "alice@example.com", nodes: 12_345);
        var anonymizer = new ReportAnonymizer(Convert.FromBase64String(Collector.HashKey));

        // Act
        await siteCollector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { report } }, new CallOptions(cancellationToken: cancellationToken));
        var stored = (await WaitForStoredReportsAsync(central, instance, 1, cancellationToken)).Single();

        // Assert
        var expected = "alice@example.com";
        for (var i = 0; i < expectedHashes; i++)
        {
            expected = anonymizer.Hash(expected);
        }

        Assert.Multiple(() =>
        {
            Assert.That(stored.Coroot.Ux.Users, Is.EqualTo(new[] { expected }));
            Assert.That(stored.Coroot.Infra.Nodes, Is.EqualTo(12_300), "ROUNDED, idempotent");
            Assert.That(stored.Build.BuildUser, Is.Empty, "NEVER_STORED");
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task IngestReports_ClientPresentingAnUnknownRelayKey_IsHashedInFull(CancellationToken cancellationToken)
    {
        // Arrange
        var settings = new Dictionary<string, string?> { ["Privacy:RelayKeys:0"] = "relay-key-of-the-site-0123456789abcdef" };
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), settings, cancellationToken: cancellationToken);
        var report = CorootWithUser(Guid.NewGuid().ToString(), "alice@example.com", nodes: 1);
        var headers = new Metadata { { "x-relay-key", "guessed-relay-key-0123456789abcdefghijkl" } };

        // Act
        await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { report } }, new CallOptions(headers, cancellationToken: cancellationToken));

        // Assert
        var stored = (await collector.BufferedReportsAsync(SharedRedis.Server)).Single();
        var anonymizer = new ReportAnonymizer(Convert.FromBase64String(Collector.HashKey));
        Assert.That(stored.Coroot.Ux.Users, Is.EqualTo(new[] { anonymizer.Hash("alice@example.com") }));
    }

    private static UsageReport CorootWithUser(string instance, string user, long nodes)
    {
        var report = Reports.Generic(instance);
        report.Coroot = new CorootReport
        {
            Instance = new CorootInstance { Uuid = instance, Version = "1.0.0" },
            Ux = new CorootUx { Users = { user } },
            Infra = new CorootInfra { Nodes = nodes },
        };
        return report;
    }

    private static async Task<List<UsageReport>> WaitForStoredReportsAsync(Collector collector, string instance, int count, CancellationToken cancellationToken)
    {
        var admin = new CallOptions(new Metadata { { "authorization", "Bearer " + AdminToken } }, cancellationToken: cancellationToken);
        while (true)
        {
            using var call = collector.Admin.ExportInstanceData(new ExportInstanceDataRequest { InstanceKey = instance }, admin);
            var stored = new List<UsageReport>();
            while (await call.ResponseStream.MoveNext(cancellationToken))
            {
                if (call.ResponseStream.Current.Location == "files")
                {
                    stored.Add(call.ResponseStream.Current.Report);
                }
            }

            if (stored.Count >= count)
            {
                return stored;
            }

            await Task.Delay(100, cancellationToken);
        }
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
