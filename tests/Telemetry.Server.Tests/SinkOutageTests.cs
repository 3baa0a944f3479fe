using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Npgsql;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>
/// The storage sink goes away: the buffer fills to its high-water mark, ingestion pushes back with a retry delay,
/// and when the sink returns everything acknowledged is stored exactly once.
/// </summary>
[TestFixture]
public sealed class SinkOutageTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task Reports_PostgresStoppedThenStarted_PushBackAtHighWaterMarkThenDrainEverythingAcknowledged(CancellationToken cancellationToken)
    {
        // Arrange
        await using var postgres = await PostgresServer.StartAsync(cancellationToken);
        var settings = new Dictionary<string, string?>
        {
            ["Upload:RunInCollector"] = "true",
            ["Upload:Sink"] = "postgres",
            ["Upload:Postgres:ConnectionString"] = postgres.ConnectionString,
            ["Upload:BatchMaxAge"] = "00:00:00.050",
            ["Upload:RetryInitialDelay"] = "00:00:00.100",
            ["Upload:RetryMaxDelay"] = "00:00:00.500",
            ["Buffer:Shards"] = "1",
            ["Buffer:MaxEntriesPerShard"] = "20",
            ["RateLimiting:Enabled"] = "false",
        };
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), settings, cancellationToken: cancellationToken);
        var options = new CallOptions(cancellationToken: cancellationToken);
        await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic() } }, options);
        await WaitForStoredAsync(postgres, 1, cancellationToken);

        // Act
        await postgres.StopAsync();
        var accepted = new List<string>();
        ReportResult? pushedBack = null;
        for (var i = 0; i < 100 && pushedBack is null; i++)
        {
            var result = await SendOneAsync(collector, options);
            if (result.Outcome == ReportOutcome.Accepted)
            {
                accepted.Add(result.ReportId);
            }
            else
            {
                pushedBack = result;
            }
        }

        await postgres.StartAgainAsync(cancellationToken);
        var stored = await WaitForStoredAsync(postgres, accepted.Count + 1, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(pushedBack?.Outcome, Is.EqualTo(ReportOutcome.Overloaded));
            Assert.That(pushedBack?.RetryDelay.ToTimeSpan(), Is.GreaterThan(TimeSpan.Zero));
            Assert.That(accepted, Has.Count.GreaterThanOrEqualTo(19), "the buffer took reports up to its high-water mark");
            Assert.That(stored, Is.SupersetOf(accepted));
            Assert.That(stored, Is.Unique);
            Assert.That(stored, Has.Count.EqualTo(accepted.Count + 1));
        });
    }

    private static async Task<ReportResult> SendOneAsync(Collector collector, CallOptions options)
    {
        try
        {
            var response = await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { Reports.Generic() } }, options);
            return response.Results.Single();
        }
        catch (RpcException exception) when (exception.Status.StatusCode == StatusCode.ResourceExhausted)
        {
            // Every report of the call was refused: the delay travels in the pushback trailer.
            var pushback = double.Parse(exception.Trailers.GetValue("grpc-retry-pushback-ms")!, CultureInfo.InvariantCulture);
            return new ReportResult { Outcome = ReportOutcome.Overloaded, RetryDelay = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(pushback)) };
        }
    }

    private static async Task<List<string>> WaitForStoredAsync(PostgresServer postgres, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(postgres.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT report_id::text FROM reports", connection);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var ids = new List<string>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetString(0));
                }

                if (ids.Count >= count)
                {
                    return ids;
                }
            }
            catch (NpgsqlException)
            {
                // The server is still starting, or the sink has not created its schema yet.
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
