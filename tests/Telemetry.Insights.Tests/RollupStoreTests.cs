using Google.Protobuf;
using Microsoft.Extensions.Options;
using Telemetry.Upload;
using Telemetry.V1;

namespace Telemetry.Insights.Tests;

/// <summary>The embedded store on its own: merges in any order, latest report of a day wins, deletion.</summary>
[TestFixture]
public sealed class RollupStoreTests
{
    private string _directory = null!;
    private RollupStore _store = null!;
    private InsightsQueries _queries = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("telemetry-rollups-").FullName;
        _store = RollupStore.DuckDb(Path.Combine(_directory, "insights.duckdb"));
        _queries = new InsightsQueries(_store, Options.Create(new InsightsOptions { MinGroupSize = 1 }));
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Open_EmbeddedStore_BoundsDuckDbMemory()
    {
        await using var store = RollupStore.DuckDb(Path.Combine(_directory, "limited.duckdb"), memoryLimitMiB: 64);

        var limit = await store.QueryAsync("SELECT current_setting('memory_limit')", [], r => r.GetString(0));

        Assert.That(limit.Single(), Does.StartWith("64"), "DuckDB's own default is 80% of the machine's memory");
    }

    [Test]
    public async Task Breakdown_BeyondTheMemoryLimit_NamesTheSettingToRaise()
    {
        // Arrange: a million installation-days (50,000 installations over 20 days), written with room to spare.
        var path = Path.Combine(_directory, "large.duckdb");
        await using (var roomy = RollupStore.DuckDb(path, memoryLimitMiB: 512))
        {
            foreach (var (field, text) in new[] { ("environment.os", "linux"), ("environment.arch", "amd64") })
            {
                await roomy.QueryAsync(
                    "INSERT INTO insight_values (product, instance, day, field, text, number, version, week_latest, month_latest)"
                    + " SELECT $1, 'installation-' || (i % 50000), $2 + CAST(i // 50000 AS INTEGER), $3, $4, NULL, '1.0.0', true, true FROM range(1000000) t(i)",
                    [Population.Product, Population.Day0, field, text], r => r.GetValue(0));
            }
        }

        await using var tight = RollupStore.DuckDb(path, memoryLimitMiB: 16);
        var queries = new InsightsQueries(tight, Options.Create(new InsightsOptions { MinGroupSize = 1 }));
        var filtered = new InsightsQuery(Population.Product, Population.Day0, Population.Day0.AddDays(19), Field: "environment.os",
            Filters: new Dictionary<string, string> { ["environment.arch"] = "amd64" });

        // Act
        var failure = Assert.ThrowsAsync<InsightsMemoryException>(() => queries.BreakdownAsync(filtered));

        // Assert
        Assert.That(failure!.Message, Does.Contain("Insights:DuckDbMemoryLimitMiB").And.Contain("16 MiB"));
    }

    [Test]
    public async Task Upsert_LaterReportInAnEarlierBatch_KeepsTheLaterReport()
    {
        var later = Buffered(Population.Report(1, 0, hour: 20, "2.0.0"));
        var earlier = Buffered(Population.Report(1, 0, hour: 8, "1.0.0"));

        await _store.UpsertAsync([later]);
        await _store.UpsertAsync([earlier]);

        Assert.That(await VersionsAsync(), Is.EqualTo(new[] { ("2.0.0", 1L) }));
    }

    [Test]
    public async Task Upsert_EarlierThenLaterInOneBatch_KeepsTheLaterReport()
    {
        var earlier = Buffered(Population.Report(1, 0, hour: 8, "1.0.0"));
        var later = Buffered(Population.Report(1, 0, hour: 20, "2.0.0"));

        await _store.UpsertAsync([later, earlier]);
        await _store.UpsertAsync([earlier]);

        Assert.That(await VersionsAsync(), Is.EqualTo(new[] { ("2.0.0", 1L) }));
    }

    [Test]
    public async Task Upsert_LateReportInABatchOfLaterDays_LandsInItsDay()
    {
        await _store.UpsertAsync([Buffered(Population.Report(1, 0, hour: 8, "1.0.0"))]);
        var late = Buffered(Population.Report(1, 0, hour: 20, "2.0.0"));
        var current = Enumerable.Range(2, 4).Select(i => Buffered(Population.Report(i, 30, hour: 8, "3.0.0")));

        await _store.UpsertAsync([.. current, late]);

        var days = await _store.QueryAsync(
            "SELECT instance, day, version FROM insight_days ORDER BY day, instance", [],
            r => (r.GetString(0), DateOnly.FromDateTime(r.GetDateTime(1)), r.GetString(2)));
        Assert.Multiple(() =>
        {
            Assert.That(days, Has.Count.EqualTo(5));
            Assert.That(days[0], Is.EqualTo((Population.Instance(1), Population.Day0, "2.0.0")));
            Assert.That(days.Skip(1).Select(d => d.Item2), Is.All.EqualTo(Population.Day0.AddDays(30)));
        });
    }

    [Test]
    public async Task Upsert_LaterReportWithoutAField_DropsTheEarlierReportsValue()
    {
        var earlier = Population.Report(1, 0, hour: 8, "1.0.0");
        var later = Population.Report(1, 0, hour: 20, "1.0.0");
        later.Generic.Metrics.Remove("tracing");

        await _store.UpsertAsync([Buffered(earlier)]);
        await _store.UpsertAsync([Buffered(later)]);

        var fields = await _store.QueryAsync("SELECT field FROM insight_values ORDER BY field", [], r => r.GetString(0));
        Assert.That(fields, Does.Not.Contain("generic.metrics.tracing").And.Contain("generic.metrics.series"));
    }

    [Test]
    public async Task Upsert_SameReportAgain_KeepsOneDay()
    {
        var report = Buffered(Population.Report(1, 0, hour: 8, "1.0.0"));

        await _store.UpsertAsync([report]);
        await _store.UpsertAsync([report, report]);

        var rows = await _store.QueryAsync("SELECT count(*) FROM insight_days", [], r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        var values = await _store.QueryAsync("SELECT count(*) FROM insight_values", [], r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Multiple(() =>
        {
            Assert.That(rows.Single(), Is.EqualTo(1));
            Assert.That(values.Single(), Is.EqualTo(InsightFields.Extract(report.Report).Count));
        });
    }

    [Test]
    public async Task DeleteInstance_RemovesItsDays()
    {
        await _store.UpsertAsync([Buffered(Population.Report(1, 0, 8, "1.0.0")), Buffered(Population.Report(2, 0, 8, "1.0.0"))]);

        var removed = await _store.DeleteInstanceAsync(Population.Instance(1));

        Assert.Multiple(async () =>
        {
            Assert.That(removed, Is.EqualTo(1));
            Assert.That(await VersionsAsync(), Is.EqualTo(new[] { ("1.0.0", 1L) }));
        });
    }

    [Test]
    public async Task Breakdown_VersionsUnderAFilter_LeaveOutDaysWithoutAVersion()
    {
        await _store.UpsertAsync([Buffered(Population.Report(1, 0, 8, "1.0.0")), Buffered(Population.Report(2, 0, 8, string.Empty))]);

        var linux = await _queries.BreakdownAsync(new InsightsQuery(Population.Product, Population.Day0, Population.Day0,
            Field: InsightFields.VersionField, Filters: new Dictionary<string, string> { ["environment.os"] = "linux" }));

        Assert.That(linux.Rows.Select(r => ((string)r[1]!, (long)r[2]!)), Is.EqualTo(new[] { ("1.0.0", 1L) }));
    }

    private async Task<List<(string, long)>> VersionsAsync()
    {
        var day = Population.Day0;
        var table = await _queries.BreakdownAsync(new InsightsQuery(Population.Product, day, day, Field: InsightFields.VersionField));
        return table.Rows.Select(r => ((string)r[1]!, (long)r[2]!)).ToList();
    }

    private static BufferedReport Buffered(UsageReport report) =>
        new(0, "0-0", report.ReportId, Population.Product, DateTimeOffset.UtcNow, report.ToByteArray(), report);
}
