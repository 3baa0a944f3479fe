using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telemetry.Reporter.Hosting;
using Telemetry.V1;

namespace Telemetry.Reporter.Tests.Hosting;

/// <summary>The preview endpoint's <c>details_level</c>, Qdrant's detail levels over a Qdrant report.</summary>
[TestFixture]
public sealed class TelemetryPreviewDetailsLevelTests
{
    private string _dataDirectory = string.Empty;

    [SetUp]
    public void SetUp() => _dataDirectory = Directory.CreateTempSubdirectory("telemetry-details-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dataDirectory, recursive: true);

    [TestCase(0, new[] { "id", "app.version", "collections.number_of_collections", "cluster.enabled", "crash_reports" })]
    [TestCase(1, new[] { "id", "app.version", "collections.number_of_collections", "cluster.enabled", "crash_reports",
        "app.system", "cluster.status", "requests", "memory" })]
    [TestCase(2, new[] { "id", "app.version", "collections.number_of_collections", "cluster.enabled", "crash_reports",
        "app.system", "cluster.status", "requests", "memory", "collections.collections", "cluster.peers" })]
    [TestCase(3, new[] { "id", "app.version", "collections.number_of_collections", "cluster.enabled", "crash_reports",
        "app.system", "cluster.status", "requests", "memory", "collections.collections", "cluster.peers", "cluster.peer_metadata" })]
    [CancelAfter(10000)]
    public async Task Preview_QdrantAtADetailsLevel_ShowsWhatThatLevelShows(int level, string[] shown, CancellationToken cancellationToken)
    {
        // Arrange
        await using var app = await StartAppAsync("qdrant", cancellationToken);

        // Act
        using var response = await app.GetTestClient().GetAsync(new Uri($"/telemetry/preview?details_level={level}", UriKind.Relative), cancellationToken);
        var report = JsonParser.Default.Parse<UsageReport>(await response.Content.ReadAsStringAsync(cancellationToken)).Qdrant;

        // Assert
        var present = Present(report);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(present, Is.EquivalentTo(shown));
        });
    }

    [Test]
    [CancelAfter(10000)]
    public async Task Preview_QdrantWithoutADetailsLevel_IsTheWholeReportAsSent(CancellationToken cancellationToken)
    {
        // Arrange
        await using var app = await StartAppAsync("qdrant", cancellationToken);
        var reporter = app.Services.GetRequiredService<TelemetryReporter>();

        // Act
        using var response = await app.GetTestClient().GetAsync(new Uri("/telemetry/preview", UriKind.Relative), cancellationToken);
        var atLevel = await reporter.PreviewAsync(6, cancellationToken);
        var whole = await reporter.PreviewAsync(cancellationToken);

        // Assert
        var report = JsonParser.Default.Parse<UsageReport>(await response.Content.ReadAsStringAsync(cancellationToken));
        Assert.Multiple(() =>
        {
            // Payloads only: the envelope's report time and runtime figures change from one preview to the next.
            Assert.That(report.Qdrant, Is.EqualTo(whole.Report.Qdrant));
            Assert.That(atLevel.Report.Qdrant, Is.EqualTo(whole.Report.Qdrant), "level 6 leaves nothing out");
            Assert.That(atLevel.DetailsLevel, Is.EqualTo(6));
            Assert.That(whole.DetailsLevel, Is.Null);
        });
    }

    [TestCase("qdrant", "-1", "details_level must be a whole number from 0, not \"-1\".")]
    [TestCase("qdrant", "high", "details_level must be a whole number from 0, not \"high\".")]
    [TestCase("mimir", "2", "details_level: Detail levels apply to Qdrant reports only; mimir reports have none.")]
    [CancelAfter(10000)]
    public async Task Preview_InvalidDetailsLevel_IsABadRequestNamingTheParameter(string product, string level, string expected, CancellationToken cancellationToken)
    {
        // Arrange
        await using var app = await StartAppAsync(product, cancellationToken);

        // Act
        using var response = await app.GetTestClient().GetAsync(new Uri($"/telemetry/preview?details_level={level}", UriKind.Relative), cancellationToken);

        // Assert
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body, Does.StartWith(expected));
        });
    }

    // Which of the parts the levels tell apart the report carries.
    private static List<string> Present(QdrantReport report)
    {
        var present = new List<string>();
        void Add(string name, bool set)
        {
            if (set)
            {
                present.Add(name);
            }
        }

        Add("id", report.Id.Length > 0);
        Add("app.version", report.App?.Version.Length > 0);
        Add("app.system", report.App?.System is not null);
        Add("collections.number_of_collections", report.Collections?.NumberOfCollections > 0);
        Add("collections.collections", report.Collections?.Collections.Count > 0);
        Add("cluster.enabled", report.Cluster?.Enabled == true);
        Add("cluster.status", report.Cluster?.Status is not null);
        Add("cluster.peers", report.Cluster?.Peers.Count > 0);
        Add("cluster.peer_metadata", report.Cluster?.PeerMetadata.Count > 0);
        Add("requests", report.Requests is not null);
        Add("memory", report.Memory is not null);
        Add("crash_reports", report.CrashReports.Count > 0);
        return present;
    }

    private async Task<WebApplication> StartAppAsync(string product, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TelemetryReporter:Product"] = product,
            ["TelemetryReporter:IdentityStore"] = "Ephemeral",
            ["TelemetryReporter:DataDirectory"] = _dataDirectory,
            ["TelemetryReporter:DryRun"] = "true",
        });
        builder.Services.AddTelemetryReporter(options => options.CommandLineArguments = []);
        var app = builder.Build();
        app.MapTelemetryPreview();
        app.Services.GetRequiredService<TelemetryReporter>().ConfigureReport(report =>
        {
            if (report.PayloadCase != UsageReport.PayloadOneofCase.Qdrant)
            {
                return;
            }

            // One part of every level.
            report.Qdrant.App.System = new QdrantSystem { Distribution = "debian" };
            report.Qdrant.Collections = new QdrantCollections
            {
                NumberOfCollections = 1,
                Collections = { new QdrantCollection { Id = "products" } },
            };
            report.Qdrant.Cluster = new QdrantCluster
            {
                Enabled = true,
                Status = new QdrantClusterStatus { NumberOfPeers = 2 },
                Peers = { ["1"] = new QdrantPeerInfo { Uri = "http://peer-1:6335" } },
                PeerMetadata = { ["1"] = new QdrantPeerMetadata { Version = "1.19.0" } },
            };
            report.Qdrant.Requests = new QdrantRequests();
            report.Qdrant.Memory = new QdrantMemory { ActiveBytes = 1000 };
            report.Qdrant.CrashReports.Add(new QdrantCrashReport { Backtrace = "in file main.rs at line 1" });
        });
        await app.StartAsync(cancellationToken);
        return app;
    }
}
