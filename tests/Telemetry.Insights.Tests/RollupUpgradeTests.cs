using Google.Protobuf;
using Microsoft.Extensions.Options;
using Telemetry.Upload;
using Telemetry.V1;

namespace Telemetry.Insights.Tests;

/// <summary>
/// A store written before field rows carried their day's version is upgraded when it is opened: the column is added
/// and filled from the days, so questions that read it answer as before, and merges go on. Installations 1 and 2 run
/// linux (1.0.0 and 2.0.0), installation 8 darwin (2.0.0), all on one day.
/// </summary>
[TestFixture("duckdb")]
[TestFixture("postgres")]
public sealed class RollupUpgradeTests(string storeName) : PerStoreFixture(storeName)
{
    private static readonly Dictionary<string, string> OnLinux = new() { ["environment.os"] = "linux" };

    private string _directory = null!;
    private string _connectionString = null!;
    private RollupStore _store = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _directory = Directory.CreateTempSubdirectory("telemetry-upgrade-").FullName;
        if (Postgres is not null)
        {
            _connectionString = await Postgres.CreateDatabaseAsync();
        }

        await using (var before = Open())
        {
            await before.UpsertAsync([Buffered(1, "1.0.0"), Buffered(2, "2.0.0"), Buffered(8, "2.0.0")]);
            await before.QueryAsync("ALTER TABLE insight_values DROP COLUMN version", [], r => r.GetValue(0));
            if (Postgres is null)
            {
                await before.QueryAsync("ALTER TABLE insight_stage_values DROP COLUMN version", [], r => r.GetValue(0));
            }
        }

        _store = Open();
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Open_StoreWithoutVersionsOnFieldRows_AnswersVersionsUnderAFilter()
    {
        var versions = await BreakdownAsync(InsightFields.VersionField, OnLinux, range: null);

        Assert.That(versions, Is.EqualTo(new[] { ("1.0.0", 1L), ("2.0.0", 1L) }));
    }

    [Test]
    public async Task Open_StoreWithoutVersionsOnFieldRows_AnswersAFieldInAVersionRange()
    {
        var systems = await BreakdownAsync("environment.os", filters: null, new VersionRange(VersionRange.Parse("2.0.0"), null));

        Assert.That(systems, Is.EqualTo(new[] { ("darwin", 1L), ("linux", 1L) }));
    }

    [Test]
    public async Task Upsert_AfterTheUpgrade_StoresTheVersionOfNewRows()
    {
        await _store.UpsertAsync([Buffered(3, "2.0.0")]);

        var versions = await BreakdownAsync(InsightFields.VersionField, OnLinux, range: null);

        Assert.That(versions, Is.EqualTo(new[] { ("1.0.0", 1L), ("2.0.0", 2L) }));
    }

    private RollupStore Open() => Postgres is null
        ? RollupStore.DuckDb(Path.Combine(_directory, "insights.duckdb"))
        : RollupStore.Postgres(_connectionString);

    private async Task<List<(string, long)>> BreakdownAsync(string field, Dictionary<string, string>? filters, VersionRange? range)
    {
        var queries = new InsightsQueries(_store, Options.Create(new InsightsOptions { MinGroupSize = 1 }));
        var day = Population.Day0;
        var table = await queries.BreakdownAsync(new InsightsQuery(Population.Product, day, day, Field: field, Filters: filters, Versions: range));
        return table.Rows.Select(r => ((string)r[1]!, (long)r[2]!)).OrderBy(v => v.Item1, StringComparer.Ordinal).ToList();
    }

    private static BufferedReport Buffered(int installation, string version)
    {
        UsageReport report = Population.Report(installation, 0, hour: 8, version);
        return new BufferedReport(0, "0-0", report.ReportId, Population.Product, DateTimeOffset.UtcNow, report.ToByteArray(), report);
    }
}
