using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Telemetry.Buffer;
using Telemetry.Upload.Sinks;
using Telemetry.Upload.Tests.Infrastructure;
using Telemetry.V1;

namespace Telemetry.Upload.Tests;

[TestFixture]
public sealed class DataRightsTests : BufferAndFilesFixture
{
    [Test]
    [CancelAfter(60_000)]
    public async Task DeleteAndExport_InstanceInBufferDeadLettersAndSinks_ExportsThenRemovesOnlyItsReports(CancellationToken cancellationToken)
    {
        // Arrange: the installation has 3 reports stored in files, 2 in PostgreSQL, 2 still buffered and 1 dead
        // letter; another installation has reports everywhere too.
        var postgres = await Servers.PostgresAsync();
        var database = await postgres.CreateDatabaseAsync();
        var options = UploaderRun.TestOptions(Prefix, o =>
        {
            o.Files.Directory = ReportsDirectory;
            o.Postgres.ConnectionString = database;
        });
        await using var files = new FileReportSink(Options.Create(options));
        await using var pg = new PostgresReportSink(Options.Create(options));
        const string Cluster = "6f1c2a52-8f0e-4a53-9d55-0d7c1b1f6a10";
        var other = TestReports.Create();
        await files.WriteAsync([.. Enumerable.Range(0, 3).Select(_ => Buffered(TestReports.Create(Cluster))), Buffered(other)], cancellationToken);
        await pg.WriteAsync([.. Enumerable.Range(0, 2).Select(_ => Buffered(TestReports.Create(Cluster))), Buffered(other)], cancellationToken);
        await Buffer.AddManyAsync([TestReports.Create(Cluster), TestReports.Create(Cluster), TestReports.Create()]);
        await Buffer.Database.ExecuteAsync("XADD", Buffer.Keys.DeadLetters(1), "*", "report_id", Guid.NewGuid().ToString(), "product", "mimir",
            "arrival_ms", "1700000000000", "report", (RedisValue)Google.Protobuf.MessageExtensions.ToByteArray(TestReports.Create(Cluster)),
            "reason", "test", "attempts", "5", "first_seen_ms", "1700000000000", "source_id", "1-0");
        var rights = new DataRights(Redis, [files, pg], Options.Create(options));

        // Act
        var exported = new List<StoredReport>();
        await foreach (var report in rights.ExportInstanceAsync(Cluster, cancellationToken))
        {
            exported.Add(report);
        }

        var removed = await rights.DeleteInstanceAsync(Cluster, cancellationToken);
        var exportedAfter = new List<StoredReport>();
        await foreach (var report in rights.ExportInstanceAsync(Cluster, cancellationToken))
        {
            exportedAfter.Add(report);
        }

        // Assert
        var stored = await Stored.FileReportIdsAsync(files);
        var (rows, _) = await Stored.PostgresCountsAsync(database);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(exported.GroupBy(r => r.Location).ToDictionary(g => g.Key, g => g.Count()), Is.EquivalentTo(new Dictionary<string, int>
            {
                ["buffer"] = 2,
                ["dead-letters"] = 1,
                ["files"] = 3,
                ["postgres"] = 2,
            }));
            Assert.That(exported.Select(r => InstanceKeys.Of(r.Report)), Is.All.EqualTo(Cluster));
            Assert.That(removed.ToDictionary(c => c.Location, c => c.Reports), Is.EquivalentTo(new Dictionary<string, long>
            {
                ["buffer"] = 2,
                ["dead-letters"] = 1,
                ["files"] = 3,
                ["postgres"] = 2,
            }));
            Assert.That(exportedAfter, Is.Empty);
            Assert.That(stored, Is.EqualTo(new[] { other.ReportId }));
            Assert.That(rows, Is.EqualTo(1));
            Assert.That(await Buffer.LengthAsync(), Is.EqualTo(1));
            Assert.That(await Buffer.CountedBytesAsync(), Is.GreaterThan(0));
        });
    }

    private static BufferedReport Buffered(UsageReport report) =>
        new(0, "0-1", report.ReportId, "mimir", DateTimeOffset.UtcNow, Google.Protobuf.MessageExtensions.ToByteArray(report), report);
}
