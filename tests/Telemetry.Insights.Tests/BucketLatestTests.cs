using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using Telemetry.Upload;

namespace Telemetry.Insights.Tests;

/// <summary>
/// Weekly and monthly questions count each installation's latest day in the bucket, whatever order its days arrive
/// in, in both stores, from the flags and by grouping the days after them. Installation 1 reports on Monday (1.0.0,
/// linux), Tuesday (2.0.0, linux) and Wednesday (3.0.0, darwin) of one week, Wednesday first; installation 2 on
/// Monday only (1.0.0, linux); then installation 3 reports forty days later, so that week and month are flagged.
/// </summary>
[TestFixture("duckdb")]
[TestFixture("postgres")]
public sealed class BucketLatestTests(string storeName) : PerStoreFixture(storeName)
{
    /// <summary>A Monday in the middle of a month, so the week and the month hold the same days.</summary>
    private static readonly DateOnly Monday = new(2026, 11, 9);

    /// <summary>The day installation 3 reports, as days from <see cref="Monday"/>.</summary>
    private const int Later = 40;

    private string _directory = null!;
    private string _connectionString = null!;
    private RollupStore _store = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _directory = Directory.CreateTempSubdirectory("telemetry-buckets-").FullName;
        if (Postgres is not null)
        {
            _connectionString = await Postgres.CreateDatabaseAsync();
        }

        _store = Open();
        await _store.UpsertAsync([Report(1, 2, "3.0.0", "darwin")]);
        await _store.UpsertAsync([Report(1, 0, "1.0.0", "linux"), Report(2, 0, "1.0.0", "linux")]);
        await _store.UpsertAsync([Report(1, 1, "2.0.0", "linux")]);
        await _store.UpsertAsync([Report(3, Later, "1.0.0", "linux")]);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [TestCase(InsightBucket.Week)]
    [TestCase(InsightBucket.Month)]
    public async Task Versions_DaysArriveOutOfOrder_CountEachInstallationsLatestDay(InsightBucket bucket)
    {
        var versions = await VersionsAsync(Monday, Monday.AddDays(6), bucket);

        Assert.That(versions, Is.EqualTo(new[] { ("1.0.0", 1L), ("3.0.0", 1L) }));
    }

    [Test]
    public async Task Versions_RangeEndsInsideTheWeek_CountTheLatestDayUpToItsEnd()
    {
        var versions = await VersionsAsync(Monday, Monday.AddDays(1), InsightBucket.Week);

        Assert.That(versions, Is.EqualTo(new[] { ("1.0.0", 1L), ("2.0.0", 1L) }));
    }

    [Test]
    public async Task Versions_RangeStartsInsideTheWeek_CountOnlyTheInstallationsSeenFromItsStart()
    {
        var versions = await VersionsAsync(Monday.AddDays(1), Monday.AddDays(6), InsightBucket.Week);

        Assert.That(versions, Is.EqualTo(new[] { ("3.0.0", 1L) }));
    }

    [Test]
    public async Task Versions_ByDay_CountEveryDay()
    {
        var versions = await VersionsAsync(Monday.AddDays(1), Monday.AddDays(1), InsightBucket.Day);

        Assert.That(versions, Is.EqualTo(new[] { ("2.0.0", 1L) }));
    }

    [TestCase(InsightBucket.Day, 2)]
    [TestCase(InsightBucket.Week, 1)]
    public async Task Active_Filtered_KeepsTheInstallationsWhoseLatestDayInTheBucketHasTheValue(InsightBucket bucket, long expected)
    {
        var query = new InsightsQuery(Population.Product, Monday, Monday.AddDays(6), bucket,
            Filters: new Dictionary<string, string> { ["environment.os"] = "linux" });

        var active = await Queries().ActiveAsync(query);

        Assert.That(active.Rows[0][1], Is.EqualTo(expected), "installation 1 is on darwin by the end of the week");
    }

    [Test]
    public async Task Upsert_BucketsEndedLongBeforeTheNewestDay_AreFlagged()
    {
        var flaggedThrough = await _store.FlaggedThroughAsync();

        // The newest day is Saturday 19 December; flags wait eight days, to the 11th.
        Assert.That(flaggedThrough, Is.EqualTo(new DateOnly?[] { new(2026, 12, 6), new(2026, 11, 30) }));
    }

    [TestCase(InsightBucket.Week)]
    [TestCase(InsightBucket.Month)]
    public async Task Versions_LateDayInAFlaggedBucket_IsCounted(InsightBucket bucket)
    {
        await _store.UpsertAsync([Report(2, 3, "4.0.0", "linux")]);
        var unflagged = await VersionsAsync(Monday, Monday.AddDays(6), bucket);
        await _store.UpsertAsync([Report(3, Later + 1, "1.0.0", "linux")]);

        var flagged = await VersionsAsync(Monday, Monday.AddDays(6), bucket);

        Assert.Multiple(() =>
        {
            Assert.That(unflagged, Is.EqualTo(new[] { ("3.0.0", 1L), ("4.0.0", 1L) }), "before the bucket is flagged again");
            Assert.That(flagged, Is.EqualTo(new[] { ("3.0.0", 1L), ("4.0.0", 1L) }), "once flagged again");
        });
    }

    [Test]
    public async Task DeleteFromDay_CountsTheLatestRemainingDayOfTheWeek()
    {
        await _store.DeleteFromDayAsync(Monday.AddDays(2));
        var unflagged = await VersionsAsync(Monday, Monday.AddDays(6), InsightBucket.Week);
        await _store.UpsertAsync([Report(3, Later, "1.0.0", "linux")]);

        var flagged = await VersionsAsync(Monday, Monday.AddDays(6), InsightBucket.Week);

        Assert.Multiple(() =>
        {
            Assert.That(unflagged, Is.EqualTo(new[] { ("1.0.0", 1L), ("2.0.0", 1L) }), "before the week is flagged again");
            Assert.That(flagged, Is.EqualTo(new[] { ("1.0.0", 1L), ("2.0.0", 1L) }), "once flagged again");
        });
    }

    [Test]
    public async Task Open_StoreMergedWithoutFlags_AnswersAndFlagsAtTheNextMerge()
    {
        foreach (var table in new[] { "insight_days", "insight_values" })
        {
            foreach (var column in new[] { "week_latest", "month_latest" })
            {
                await _store.QueryAsync($"ALTER TABLE {table} DROP COLUMN {column}", [], r => r.GetValue(0));
            }
        }

        await _store.QueryAsync("DROP TABLE insight_flagged", [], r => r.GetValue(0));
        await _store.DisposeAsync();
        _store = Open();

        var unflagged = await VersionsAsync(Monday, Monday.AddDays(6), InsightBucket.Week);
        await _store.UpsertAsync([Report(3, Later + 1, "1.0.0", "linux")]);
        var flagged = await VersionsAsync(Monday, Monday.AddDays(6), InsightBucket.Week);

        Assert.Multiple(async () =>
        {
            Assert.That(unflagged, Is.EqualTo(new[] { ("1.0.0", 1L), ("3.0.0", 1L) }), "before the next merge");
            Assert.That(flagged, Is.EqualTo(new[] { ("1.0.0", 1L), ("3.0.0", 1L) }), "after it");
            Assert.That((await _store.FlaggedThroughAsync())[0], Is.EqualTo(new DateOnly(2026, 12, 6)));
        });
    }

    private RollupStore Open() => Postgres is null
        ? RollupStore.DuckDb(Path.Combine(_directory, "insights.duckdb"))
        : RollupStore.Postgres(_connectionString);

    private InsightsQueries Queries() => new(_store, Options.Create(new InsightsOptions { MinGroupSize = 1 }));

    private async Task<List<(string, long)>> VersionsAsync(DateOnly from, DateOnly to, InsightBucket bucket)
    {
        var table = await Queries().BreakdownAsync(new InsightsQuery(Population.Product, from, to, bucket, Field: InsightFields.VersionField));
        return table.Rows.Select(r => ((string)r[1]!, (long)r[2]!)).OrderBy(v => v.Item1, StringComparer.Ordinal).ToList();
    }

    private static BufferedReport Report(int installation, int day, string version, string os)
    {
        var report = Population.Report(installation, 0, hour: 12, version);
        report.ReportTime = Timestamp.FromDateTime(Monday.AddDays(day).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc));
        report.Environment.Os = os;
        return new BufferedReport(0, "0-0", report.ReportId, Population.Product, DateTimeOffset.UtcNow, report.ToByteArray(), report);
    }
}
