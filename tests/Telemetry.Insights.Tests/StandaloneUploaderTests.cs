using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Insights.Tests;

/// <summary>
/// A collector whose uploader is the <c>telemetry-uploader</c> process, with the PostgreSQL sink: the process merges
/// what it stores into the shared rollups, and the collector answers from them.
/// </summary>
[TestFixture]
public sealed class StandaloneUploaderTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task Uploader_PostgresSink_MergesStoredReportsIntoTheRollups(CancellationToken cancellationToken)
    {
        // Arrange: the collector buffers reports and does not upload them.
        await using var postgres = await PostgresServer.StartAsync(cancellationToken);
        var prefix = Collector.KeyPrefixForCurrentTest();
        await using var collector = await Collector.StartAsync(SharedRedis.Server, prefix, new Dictionary<string, string?>
        {
            ["Upload:Sink"] = "postgres",
            ["Upload:Postgres:ConnectionString"] = postgres.ConnectionString,
            ["Insights:ReadToken"] = "read-secret",
        }, cancellationToken: cancellationToken);
        foreach (var batch in Population.Reports().Chunk(20))
        {
            await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { batch } }, cancellationToken: cancellationToken);
        }

        var queries = new InsightsQueries(collector.Services.GetRequiredService<RollupStore>(), Options.Create(new InsightsOptions { MinGroupSize = 1 }));
        var day2 = Population.Day0.AddDays(2);
        var question = new InsightsQuery(Population.Product, day2, day2, Field: InsightFields.VersionField);
        Assert.That((await queries.BreakdownAsync(question, cancellationToken)).Rows, Is.Empty, "nothing is uploaded yet");

        // Act
        using var uploader = StartUploader(prefix, postgres.ConnectionString);
        try
        {
            // Assert: the answer the population gives, once the uploader has stored and merged every report.
            var expected = new[] { ("2.0.0", 11L), ("1.0.0", 1L) };
            List<(string, long)> versions = [];
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                versions = (await queries.BreakdownAsync(question, cancellationToken)).Rows.Select(r => ((string)r[1]!, (long)r[2]!)).ToList();
                if (versions.SequenceEqual(expected))
                {
                    break;
                }

                await Task.Delay(200, cancellationToken);
            }

            Assert.That(versions, Is.EqualTo(expected), uploader.HasExited ? await uploader.StandardError.ReadToEndAsync(cancellationToken) : "");
        }
        finally
        {
            uploader.Kill(entireProcessTree: true);
            await uploader.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static Process StartUploader(string prefix, string connectionString)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "telemetry-uploader.dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Redis__Configuration"] = SharedRedis.Server.ConnectionString,
                ["Redis__KeyPrefix"] = prefix,
                ["Upload__Sink"] = "postgres",
                ["Upload__Postgres__ConnectionString"] = connectionString,
                ["Upload__BatchMaxAge"] = "00:00:00.050",
                ["Kestrel__Endpoints__Operations__Url"] = $"http://127.0.0.1:{FreePort.Next()}",
            },
        };
        return Process.Start(start) ?? throw new InvalidOperationException("telemetry-uploader did not start");
    }
}
