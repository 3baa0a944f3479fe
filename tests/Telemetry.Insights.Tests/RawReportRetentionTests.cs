using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telemetry.Testing;
using Telemetry.Upload;
using Telemetry.Upload.Sinks;

namespace Telemetry.Insights.Tests;

/// <summary>
/// Retention with the real sinks: the file sink with DuckDB rollups, and the PostgreSQL sink with PostgreSQL
/// rollups. Ten installations report 40 days ago and 2 days ago; a 30-day retention deletes the old raw reports,
/// keeps the recent ones, and the rollups answer as before, also after a rebuild from what is left.
/// </summary>
[TestFixture("files")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class RawReportRetentionTests(string sinkName) : PerStoreFixture(sinkName)
{
    private const int Installations = 10;
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly DateOnly OldDay = Today.AddDays(-40);
    private static readonly DateOnly RecentDay = Today.AddDays(-2);

    private readonly IOptions<InsightsOptions> _options = Options.Create(new InsightsOptions
    {
        MinGroupSize = 1,
        RawReportRetention = TimeSpan.FromDays(30),
    });

    private string _directory = null!;
    private IReportSink _sink = null!;
    private RollupStore _store = null!;
    private RecordingReportSink _recording = null!;
    private TestMeters _meters = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _directory = Directory.CreateTempSubdirectory("telemetry-retention-").FullName;
        var upload = new UploadOptions();
        if (Postgres is null)
        {
            upload.Files.Directory = Path.Combine(_directory, "reports");
            _sink = new FileReportSink(Options.Create(upload));
            _store = RollupStore.DuckDb(Path.Combine(_directory, "insights.duckdb"));
        }
        else
        {
            upload.Postgres.ConnectionString = await Postgres.CreateDatabaseAsync();
            _sink = new PostgresReportSink(Options.Create(upload));
            _store = RollupStore.Postgres(upload.Postgres.ConnectionString);
        }

        _recording = new RecordingReportSink(_sink, _store, NullLogger<RecordingReportSink>.Instance);
        _meters = new TestMeters();
        var batch = Enumerable.Range(0, Installations)
            .SelectMany(i => new[] { Stored(i, OldDay, "1.0.0"), Stored(i, RecentDay, "2.0.0") })
            .ToList();
        await _recording.WriteAsync(batch);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        // The recording sink disposes the sink it wraps; disposing the sink again does nothing more.
        await _recording.DisposeAsync();
        await ((IAsyncDisposable)_sink).DisposeAsync();
        await _store.DisposeAsync();
        _meters.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Sweep_ReportsOlderThanRetention_DeletesThemAndKeepsRecentOnesAndTheRollups()
    {
        // Arrange
        var before = await AnswersAsync();
        var retention = new RawReportRetention(_recording, _options, _meters, NullLogger<RawReportRetention>.Instance);

        // Act
        var deleted = await retention.SweepAsync(DateTimeOffset.UtcNow);

        // Assert
        var left = await StoredDaysAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(deleted, Is.EqualTo(Installations));
            Assert.That(left, Has.Count.EqualTo(Installations));
            Assert.That(left, Has.All.EqualTo(RecentDay));
            Assert.That(_meters.Sum("telemetry.insights.retention.deleted", (UploadMetrics.SinkAttribute, StoreName)), Is.EqualTo(Installations));
            Assert.That(await AnswersAsync(), Is.EqualTo(before));
            Assert.That(before[0], Is.EqualTo($"{OldDay:yyyy-MM-dd} 1.0.0 {Installations}"));
        });
    }

    [Test]
    public async Task Sweep_NothingOlderThanRetention_DeletesNothing()
    {
        // Arrange
        var retention = new RawReportRetention(_recording, _options, _meters, NullLogger<RawReportRetention>.Instance);

        // Act: 45 days ago, the old reports were 5 days old.
        var deleted = await retention.SweepAsync(DateTimeOffset.UtcNow.AddDays(-35));

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(deleted, Is.Zero);
            Assert.That(await StoredDaysAsync(), Has.Count.EqualTo(2 * Installations));
        });
    }

    [Test]
    public async Task Rebuild_AfterRetention_KeepsTheAggregatesOfDeletedReports()
    {
        // Arrange
        var before = await AnswersAsync();
        await new RawReportRetention(_recording, _options, _meters, NullLogger<RawReportRetention>.Instance).SweepAsync(DateTimeOffset.UtcNow);
        var rebuild = new RollupRebuild(_recording, _store, _options, NullLogger<RollupRebuild>.Instance);

        // Act
        var read = await rebuild.RunAsync();

        // Assert
        Assert.Multiple(async () =>
        {
            Assert.That(read, Is.EqualTo(Installations));
            Assert.That(await AnswersAsync(), Is.EqualTo(before));
        });
    }

    // Version adoption on both days, as "day version installations" lines.
    private async Task<List<string>> AnswersAsync()
    {
        var queries = new InsightsQueries(_store, _options);
        var table = await queries.BreakdownAsync(new InsightsQuery(Population.Product, OldDay, Today, Field: InsightFields.VersionField));
        return table.Rows.Where(r => (long)r[2]! > 0).Select(r => $"{r[0]:yyyy-MM-dd} {r[1]} {r[2]}").ToList();
    }

    private async Task<List<DateOnly>> StoredDaysAsync()
    {
        var days = new List<DateOnly>();
        await foreach (var stored in ((IStoredReportSource)_sink).ReadAllAsync())
        {
            days.Add(DateOnly.FromDateTime(stored.ArrivalTime.UtcDateTime));
        }

        return days;
    }

    private static BufferedReport Stored(int installation, DateOnly day, string version)
    {
        var report = Population.Report(installation, 0, hour: 8, version);
        var time = day.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc);
        report.ReportTime = Timestamp.FromDateTime(time);
        return new BufferedReport(0, "0-0", report.ReportId, Population.Product, new DateTimeOffset(time).AddMinutes(1), report.ToByteArray(), report);
    }
}
