using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Telemetry.Testing;

namespace Telemetry.Insights.Tests;

/// <summary>A collector whose uploader runs as its own process and whose rollups would be the embedded store's.</summary>
[TestFixture]
public sealed class InsightsWithoutUploaderTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Start_UploaderElsewhereAndEmbeddedStore_OpensNoRollupStoreAndServesNoInsights(CancellationToken cancellationToken)
    {
        // Arrange
        var directory = Directory.CreateTempSubdirectory("telemetry-insights-").FullName;
        var duckDbPath = Path.Combine(directory, "insights.duckdb");

        // Act
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), new Dictionary<string, string?>
        {
            ["Upload:RunInCollector"] = "false",
            ["Insights:DuckDbPath"] = duckDbPath,
            ["Insights:ReadToken"] = "read-secret",
        }, cancellationToken: cancellationToken);
        using var page = await collector.Operations.GetAsync(new Uri("/insights/", UriKind.Relative), cancellationToken);

        // Assert: rollups that nothing in this process would write are not offered, and DuckDB is never opened.
        Assert.Multiple(() =>
        {
            Assert.That(collector.Services.GetService<RollupStore>(), Is.Null);
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(File.Exists(duckDbPath), Is.False);
        });
    }
}
