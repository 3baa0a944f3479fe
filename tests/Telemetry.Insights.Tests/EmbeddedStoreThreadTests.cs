using DuckDB.NET.Data;
using Google.Protobuf;
using Telemetry.Upload;
using Telemetry.V1;

namespace Telemetry.Insights.Tests;

/// <summary>
/// The embedded store makes its DuckDB calls from one thread of its own and gives callers back to the thread pool;
/// merges run on one DuckDB thread, and questions after them on DuckDB's default.
/// </summary>
public sealed class EmbeddedStoreThreadTests
{
    private string _directory = null!;
    private RollupStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("telemetry-duckdb-thread-").FullName;
        _store = RollupStore.DuckDb(Path.Combine(_directory, "insights.duckdb"));
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Calls_FromManyThreads_RunOnTheStoresThread_AndCallersGoOnElsewhere()
    {
        var callers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var storeThread = await _store.QueryAsync("SELECT 1", [], _ => System.Environment.CurrentManagedThreadId);
            return (StoreThread: storeThread[0], CallerThread: System.Environment.CurrentManagedThreadId);
        }));

        var threads = await Task.WhenAll(callers);

        var storeThreads = threads.Select(t => t.StoreThread).Distinct().ToList();
        Assert.That(storeThreads, Has.Count.EqualTo(1));
        Assert.That(threads.Select(t => t.CallerThread), Has.None.EqualTo(storeThreads[0]));
    }

    [Test]
    public async Task Question_AfterAMerge_RunsOnDuckDbsDefaultThreadCount()
    {
        await using var fresh = new DuckDBConnection("Data Source=:memory:");
        await fresh.OpenAsync();
        await using var defaultThreads = fresh.CreateCommand();
        defaultThreads.CommandText = "SELECT current_setting('threads')";
        var duckDbDefault = Convert.ToString(await defaultThreads.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);

        UsageReport report = Population.Report(1, 0, hour: 8, "1.0.0");
        await _store.UpsertAsync([new BufferedReport(0, "0-0", report.ReportId, Population.Product, DateTimeOffset.UtcNow, report.ToByteArray(), report)]);

        Assert.That(await ThreadsAsync(), Is.EqualTo(duckDbDefault));
    }

    private async Task<string> ThreadsAsync() =>
        (await _store.QueryAsync("SELECT current_setting('threads')", [], r => Convert.ToString(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!))[0];
}
