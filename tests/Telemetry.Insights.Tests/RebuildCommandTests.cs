using Google.Protobuf;
using Microsoft.Extensions.Options;
using Telemetry.Testing;
using Telemetry.Upload;
using Telemetry.Upload.Sinks;

namespace Telemetry.Insights.Tests;

/// <summary>
/// <c>telemetry-uploader insights rebuild</c> as a process, over reports a real file sink stored: the rollups it
/// writes to DuckDB answer as the population says, and it prints what it read.
/// </summary>
[TestFixture]
public sealed class RebuildCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private string _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("telemetry-rebuild-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task InsightsRebuild_StoredReports_RebuildsTheRollupsAndPrintsCounts()
    {
        // Arrange: the population, stored by the file sink, no rollups yet.
        var reports = Population.Reports();
        var upload = new UploadOptions();
        upload.Files.Directory = Path.Combine(_directory, "reports");
        await using (var sink = new FileReportSink(Options.Create(upload)))
        {
            await sink.WriteAsync(reports
                .Select(r => new BufferedReport(0, "0-0", r.ReportId, Population.Product, DateTimeOffset.UtcNow, r.ToByteArray(), r))
                .ToList());
        }

        var duckDb = Path.Combine(_directory, "insights.duckdb");

        // Act
        var result = await RunAsync(["insights", "rebuild", "--set", $"Upload:Files:Directory={upload.Files.Directory}", "--set", $"Insights:DuckDbPath={duckDb}"]);

        // Assert
        await using var store = RollupStore.DuckDb(duckDb);
        var queries = new InsightsQueries(store, Options.Create(new InsightsOptions { MinGroupSize = 1 }));
        var day2 = Population.Day0.AddDays(2);
        var versions = await queries.BreakdownAsync(new InsightsQuery(Population.Product, day2, day2, Field: InsightFields.VersionField));
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StandardOutput, Does.Contain($"from {reports.Count} reports stored by the files sink"));
            Assert.That(result.StandardOutput, Does.Contain("31 installation-days, 12 installations, 1 products."));
            Assert.That(versions.Rows.Select(r => ((string)r[1]!, (long)r[2]!)), Is.EqualTo(new[] { ("2.0.0", 11L), ("1.0.0", 1L) }));
        });
    }

    [Test]
    public async Task InsightsRebuild_SinkKeepsNoReports_FailsWithTheReason()
    {
        // Act: the upstream sink relays reports and keeps none.
        var result = await RunAsync(["insights", "rebuild", "--set", "Upload:Sink=upstream", "--set", "Upload:Upstream:Address=http://127.0.0.1:1",
            "--set", $"Insights:DuckDbPath={Path.Combine(_directory, "insights.duckdb")}"]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.Contain("The rollups could not be rebuilt: The \"upstream\" sink keeps no reports to rebuild rollups from."));
        });
    }

    private static Task<ProcessResult> RunAsync(string[] arguments) =>
        ChildProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "telemetry-uploader.dll"), .. arguments], Timeout,
            new Dictionary<string, string> { ["COLUMNS"] = "400" }, workingDirectory: TestContext.CurrentContext.WorkDirectory);
}
