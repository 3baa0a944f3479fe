using Microsoft.Extensions.Options;
using Telemetry.Buffer;
using Telemetry.Upload.Sinks;
using Telemetry.Upload.Tests.Infrastructure;
using Telemetry.V1;

namespace Telemetry.Upload.Tests;

/// <summary>The sinks on their own: idempotency, atomic files, the PostgreSQL schema.</summary>
[TestFixture]
public sealed class SinkTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task FileWrite_SameBatchTwice_StoresItOnce(CancellationToken cancellationToken)
    {
        // Arrange: the second write is what follows a crash between the sink's confirmation and the XACK.
        var directory = Directory.CreateTempSubdirectory("telemetry-files-").FullName;
        var options = UploaderRun.TestOptions("t:", o => o.Files.Directory = directory);
        var batch = Enumerable.Range(0, 50).Select(_ => Buffered(TestReports.Create())).ToList();

        // Act: the second write comes from a new sink instance, as after a process restart.
        await using (var sink = new FileReportSink(Options.Create(options)))
        {
            await sink.WriteAsync(batch, cancellationToken);
        }

        await using (var sink = new FileReportSink(Options.Create(options)))
        {
            await sink.WriteAsync(batch, cancellationToken);
            await sink.WriteAsync(batch.Take(10).ToList(), cancellationToken);
        }

        // Assert
        var stored = Stored.FileReportIds(directory);
        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.EquivalentTo(batch.Select(r => r.ReportId)));
            Assert.That(Directory.EnumerateFiles(directory, "*.ndjson.gz", SearchOption.AllDirectories).Select(Path.GetDirectoryName),
                Is.All.EndsWith(Path.Combine("mimir", DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        });
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task FileWrite_ConcurrentWritersAndRetries_EachReportStoredOnceAndCommitted(CancellationToken cancellationToken)
    {
        // Arrange: eight writers (the uploader's shards) of ten batches each, every batch written twice (a retry after
        // a lost acknowledgement), all at once so that batches queue behind each other's commits.
        var directory = Directory.CreateTempSubdirectory("telemetry-files-").FullName;
        var options = UploaderRun.TestOptions("t:", o => o.Files.Directory = directory);
        var batches = Enumerable.Range(0, 80).Select(_ => Enumerable.Range(0, 20).Select(_ => Buffered(TestReports.Create())).ToList()).ToList();

        // Act
        await using (var sink = new FileReportSink(Options.Create(options)))
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(
                async () =>
                {
                    foreach (var batch in batches.Skip(writer * 10).Take(10))
                    {
                        await sink.WriteAsync(batch, cancellationToken);
                        await sink.WriteAsync(batch, cancellationToken);
                    }
                },
                cancellationToken)));
        }

        // A new instance, as after a restart, finds every report in the committed index and stores none again.
        await using (var sink = new FileReportSink(Options.Create(options)))
        {
            await sink.WriteAsync(batches[^1], cancellationToken);
        }

        // Assert
        var stored = Stored.FileReportIds(directory);
        Assert.That(stored, Is.EquivalentTo(batches.SelectMany(b => b).Select(r => r.ReportId)));
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task FileWrite_PastRotationSize_StartsNewFilesAndLeavesNoPartialOnes(CancellationToken cancellationToken)
    {
        // Arrange
        var directory = Directory.CreateTempSubdirectory("telemetry-files-").FullName;
        var options = UploaderRun.TestOptions("t:", o =>
        {
            o.Files.Directory = directory;
            o.Files.RotationBytes = 1024;
        });
        await using var sink = new FileReportSink(Options.Create(options));

        // Act
        for (var i = 0; i < 5; i++)
        {
            await sink.WriteAsync(Enumerable.Range(0, 20).Select(_ => Buffered(TestReports.Create())).ToList(), cancellationToken);
        }

        // Assert: every batch closed a file (each is above 1 KiB), and every file reads back whole.
        var finals = sink.FinalFiles().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(finals, Has.Count.EqualTo(5));
            Assert.That(finals.Sum(f => FileReportSink.ReadLines(f).Count()), Is.EqualTo(100));
            Assert.That(Directory.EnumerateFiles(directory, "*.tmp", SearchOption.AllDirectories), Is.Empty);
        });
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task FileWrite_ThenIdle_ClosesTheFileBeforeItsRotationAge(CancellationToken cancellationToken)
    {
        // Arrange
        var directory = Directory.CreateTempSubdirectory("telemetry-files-").FullName;
        var options = UploaderRun.TestOptions("t:", o =>
        {
            o.Files.Directory = directory;
            o.Files.RotationIdleTime = TimeSpan.FromMilliseconds(200);
        });
        await using var sink = new FileReportSink(Options.Create(options));
        var batch = Enumerable.Range(0, 3).Select(_ => Buffered(TestReports.Create())).ToList();

        // Act
        await sink.WriteAsync(batch, cancellationToken);
        var openRightAfterTheWrite = !sink.FinalFiles().Any();
        await Eventually.UntilAsync(() => Task.FromResult(sink.FinalFiles().Any()), TimeSpan.FromSeconds(5), "the idle file is closed", cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(openRightAfterTheWrite, Is.True);
            Assert.That(Stored.FileReportIds(directory), Is.EquivalentTo(batch.Select(r => r.ReportId)));
            Assert.That(Directory.EnumerateFiles(directory, "*.tmp", SearchOption.AllDirectories), Is.Empty);
        });
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task FileWrite_IdleRotationOff_KeepsTheFileOpenUntilItsRotationAge(CancellationToken cancellationToken)
    {
        // Arrange
        var directory = Directory.CreateTempSubdirectory("telemetry-files-").FullName;
        var options = UploaderRun.TestOptions("t:", o =>
        {
            o.Files.Directory = directory;
            o.Files.RotationIdleTime = TimeSpan.Zero;
            o.Files.RotationAge = TimeSpan.FromMinutes(5);
        });
        var sink = new FileReportSink(Options.Create(options));

        // Act
        await sink.WriteAsync([Buffered(TestReports.Create())], cancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        var finals = sink.FinalFiles().ToList();
        var open = Directory.EnumerateFiles(directory, "*.tmp", SearchOption.AllDirectories).ToList();
        await sink.DisposeAsync();

        // Assert: open until the sink stops, which closes it.
        Assert.Multiple(() =>
        {
            Assert.That(finals, Is.Empty);
            Assert.That(open, Has.Exactly(1).Items);
            Assert.That(sink.FinalFiles(), Has.Exactly(1).Items);
        });
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task PostgresWrite_SameBatchTwice_StoresItOnceWithTypedColumns(CancellationToken cancellationToken)
    {
        // Arrange
        var postgres = await Servers.PostgresAsync();
        var database = await postgres.CreateDatabaseAsync();
        var options = UploaderRun.TestOptions("t:", o => o.Postgres.ConnectionString = database);
        var batch = Enumerable.Range(0, 50).Select(_ => Buffered(TestReports.Create())).ToList();
        batch[0].Report.Mimir.Target = "ingester";

        // Act
        await using (var sink = new PostgresReportSink(Options.Create(options)))
        {
            await sink.WriteAsync(batch, cancellationToken);
            await sink.WriteAsync(batch, cancellationToken);
        }

        await using var again = new PostgresReportSink(Options.Create(options));
        await again.MigrateAsync(cancellationToken);
        var exported = new List<StoredReport>();
        await foreach (var report in again.ExportInstanceAsync(InstanceKeys.Of(batch[0].Report), cancellationToken))
        {
            exported.Add(report);
        }

        // Assert
        var (rows, distinct) = await Stored.PostgresCountsAsync(database);
        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(50));
            Assert.That(distinct, Is.EqualTo(50));
            Assert.That(exported, Has.Count.EqualTo(1));
            Assert.That(exported[0].Report.ReportId, Is.EqualTo(batch[0].ReportId));
            Assert.That(exported[0].Report.Mimir.Target, Is.EqualTo("ingester"));
            Assert.That(exported[0].Report.Environment.Os, Is.EqualTo("linux"));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task PostgresWrite_ReportIdNotUuid_RejectsItPermanentlyAndStoresTheRest(CancellationToken cancellationToken)
    {
        // Arrange
        var postgres = await Servers.PostgresAsync();
        var database = await postgres.CreateDatabaseAsync();
        var options = UploaderRun.TestOptions("t:", o => o.Postgres.ConnectionString = database);
        await using var sink = new PostgresReportSink(Options.Create(options));
        var batch = new List<BufferedReport> { Buffered(TestReports.Create(reportId: "not-a-uuid")), Buffered(TestReports.Create()) };

        // Act
        var exception = Assert.ThrowsAsync<ReportsRejectedException>(() => sink.WriteAsync(batch, cancellationToken));

        // Assert
        var (rows, _) = await Stored.PostgresCountsAsync(database);
        Assert.Multiple(() =>
        {
            Assert.That(exception!.Rejections.Single().ReportId, Is.EqualTo("not-a-uuid"));
            Assert.That(exception.Rejections.Single().Permanent, Is.True);
            Assert.That(rows, Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public void PostgresWrite_NothingListening_FailsAsUnavailable(CancellationToken cancellationToken)
    {
        // Arrange
        var options = UploaderRun.TestOptions("t:", o => o.Postgres.ConnectionString = $"Host=127.0.0.1;Port={Telemetry.Testing.FreePort.Next()};Username=postgres;Timeout=2");
        var sink = new PostgresReportSink(Options.Create(options));

        // Act + Assert
        Assert.ThrowsAsync<SinkUnavailableException>(() => sink.WriteAsync([Buffered(TestReports.Create())], cancellationToken));
    }

    private static BufferedReport Buffered(UsageReport report) =>
        new(0, "0-1", report.ReportId, "mimir", DateTimeOffset.UtcNow, Google.Protobuf.MessageExtensions.ToByteArray(report), report);
}
