using Grpc.Core;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>
/// The whole collector: reports in over gRPC, through the buffer, stored by the uploader running inside it, and
/// the data-rights methods over the stored data.
/// </summary>
[TestFixture]
public sealed class EndToEndTests
{
    private const string AdminToken = "admin-secret";

    private static readonly Dictionary<string, string?> WithUploader = new()
    {
        ["Upload:RunInCollector"] = "true",
        ["Upload:BatchMaxAge"] = "00:00:00.100",
        ["RateLimiting:Enabled"] = "false",
        ["Authentication:AdminToken"] = AdminToken,
    };

    [Test]
    [CancelAfter(60_000)]
    public async Task Reports_SentAndRetried_AreStoredInTheFileSinkExactlyOnce(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), WithUploader, cancellationToken: cancellationToken);
        var instance = Guid.NewGuid().ToString();
        var reports = Enumerable.Range(0, 300).Select(_ => Reports.Generic(instance)).ToList();
        var options = new CallOptions(cancellationToken: cancellationToken);

        // Act
        foreach (var batch in reports.Chunk(50))
        {
            var request = new IngestReportsRequest { Reports = { batch } };
            await collector.Ingest.IngestReportsAsync(request, options);
            await collector.Ingest.IngestReportsAsync(request, options);
        }

        var stored = await WaitForExportAsync(collector, instance, reports.Count, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(stored.Select(s => s.Report.ReportId), Is.EquivalentTo(reports.Select(r => r.ReportId)));
            Assert.That(stored.Select(s => s.Location), Has.All.EqualTo("files"));
            Assert.That(stored.Select(s => s.Report.Build.BuildUser), Has.All.Empty);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task DeleteInstanceData_StoredAndBufferedReports_RemovesEverythingOfThatInstanceOnly(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), WithUploader, cancellationToken: cancellationToken);
        var doomed = Guid.NewGuid().ToString();
        var kept = Guid.NewGuid().ToString();
        var options = new CallOptions(cancellationToken: cancellationToken);
        await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic(doomed), Reports.Generic(doomed), Reports.Generic(kept) } },
            options);
        await WaitForExportAsync(collector, doomed, 2, cancellationToken);
        // Stored reports leave the buffer once acknowledged, just after the sink has them: until then a deletion
        // finds them in both places and counts them in each.
        while ((await collector.BufferedReportIdsAsync(SharedRedis.Server)).Count > 0)
        {
            await Task.Delay(20, cancellationToken);
        }

        // Act
        var response = await collector.Admin.DeleteInstanceDataAsync(new DeleteInstanceDataRequest { InstanceKey = doomed }, Admin(cancellationToken));
        var doomedAfter = await ExportAsync(collector, doomed, cancellationToken);
        var keptAfter = await WaitForExportAsync(collector, kept, 1, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(response.Removed.Sum(r => r.Reports), Is.EqualTo(2));
            Assert.That(response.Removed.Select(r => r.Location), Does.Contain("files"));
            Assert.That(doomedAfter, Is.Empty);
            Assert.That(keptAfter, Has.Count.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ExportInstanceData_WithoutAdminToken_ReturnsUnauthenticated(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), WithUploader, cancellationToken: cancellationToken);
        using var call = collector.Admin.ExportInstanceData(new ExportInstanceDataRequest { InstanceKey = Guid.NewGuid().ToString() },
            new CallOptions(cancellationToken: cancellationToken));

        // Act
        var exception = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(cancellationToken));

        // Assert
        Assert.That(exception!.Status.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
    }

    private static CallOptions Admin(CancellationToken cancellationToken) =>
        new(new Metadata { { "authorization", "Bearer " + AdminToken } }, cancellationToken: cancellationToken);

    private static async Task<List<ExportInstanceDataResponse>> ExportAsync(Collector collector, string instance, CancellationToken cancellationToken)
    {
        using var call = collector.Admin.ExportInstanceData(new ExportInstanceDataRequest { InstanceKey = instance }, Admin(cancellationToken));
        var all = new List<ExportInstanceDataResponse>();
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            all.Add(call.ResponseStream.Current);
        }

        return all;
    }

    /// <summary>Exports until the sink holds <paramref name="count"/> reports of the instance (the uploader drains in the background).</summary>
    private static async Task<List<ExportInstanceDataResponse>> WaitForExportAsync(
        Collector collector, string instance, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stored = (await ExportAsync(collector, instance, cancellationToken)).Where(s => s.Location != "buffer").ToList();
            if (stored.Count >= count)
            {
                return stored;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
