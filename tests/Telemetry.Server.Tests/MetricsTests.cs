using Grpc.Core;
using Telemetry.Server.Tests.Infrastructure;
using Telemetry.Testing;
using Telemetry.V1;

namespace Telemetry.Server.Tests;

/// <summary>/metrics after real traffic: valid for Prometheus's own parser, and counting what happened.</summary>
[TestFixture]
public sealed class MetricsTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Metrics_AfterReports_PassesPromtoolAndCountsOutcomes(CancellationToken cancellationToken)
    {
        // Arrange
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(),
            new Dictionary<string, string?> { ["Metrics:BufferInterval"] = "00:00:00.100" }, cancellationToken: cancellationToken);
        var accepted = Reports.Generic();
        var invalid = Reports.Generic();
        invalid.SchemaVersion = 0;
        await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { accepted, Reports.Generic(), invalid } },
            new CallOptions(cancellationToken: cancellationToken));
        await collector.Ingest.IngestReportsAsync(new IngestReportsRequest { Reports = { accepted } }, new CallOptions(cancellationToken: cancellationToken));
        await Task.Delay(300, cancellationToken);

        // Act
        var metrics = await collector.Operations.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        var check = await PromtoolAsync(metrics, cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            // Exit code 1 is a parse error; 3 is lint problems, which must all be the runtime's names.
            Assert.That(check.ExitCode, Is.AnyOf(0, 3), check.ToString());
            Assert.That(LintProblems(check), Is.Empty, check.ToString());
            Assert.That(Value(metrics, "telemetry_ingest_reports_received_total"), Is.EqualTo(4));
            Assert.That(Value(metrics, "telemetry_ingest_reports_total", "telemetry_report_outcome=\"accepted\""), Is.EqualTo(2));
            Assert.That(Value(metrics, "telemetry_ingest_reports_total", "telemetry_report_outcome=\"duplicate\""), Is.EqualTo(1));
            Assert.That(Value(metrics, "telemetry_ingest_reports_total", "telemetry_report_outcome=\"rejected\""), Is.EqualTo(1));
            Assert.That(Value(metrics, "telemetry_ingest_rejections_total", "telemetry_report_field_path=\"schema_version\""), Is.EqualTo(1));
            Assert.That(PrometheusSamples.Values(metrics, "telemetry_ingest_duration_seconds_count").Sum(), Is.EqualTo(4));
            Assert.That(Value(metrics, "telemetry_buffer_up"), Is.EqualTo(1));
            Assert.That(PrometheusSamples.Values(metrics, "telemetry_buffer_entries").Sum(), Is.EqualTo(2));
            Assert.That(PrometheusSamples.Values(metrics, "telemetry_buffer_oldest_entry_age_seconds"), Has.Count.EqualTo(4), "one per shard");
            Assert.That(metrics, Does.Contain("http_route=\"/telemetry.v1.IngestService/IngestReports\""), "ASP.NET Core's meters, gRPC calls included");
            Assert.That(metrics, Does.Contain("kestrel_active_connections"), "Kestrel's");
            Assert.That(metrics, Does.Contain("dotnet_gc_collections_total"), ".NET runtime");
        });
    }

    /// <summary>
    /// What promtool's lint says, except about the .NET runtime's own gauges whose semantic-convention names end in
    /// <c>.count</c> (<c>dotnet.assembly.count</c> and the like): Prometheus's convention reserves <c>_count</c> for
    /// histograms, but these names are the runtime's, shared by every .NET service's dashboards.
    /// </summary>
    private static List<string> LintProblems(ProcessResult check) =>
        check.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !(line.StartsWith("dotnet_", StringComparison.Ordinal)
                && line.EndsWith("_count non-histogram and non-summary metrics should not have \"_count\" suffix", StringComparison.Ordinal)))
            .ToList();

    /// <summary>Runs <c>promtool check metrics</c> on the exposition, which reads it from standard input.</summary>
    private static async Task<ProcessResult> PromtoolAsync(string metrics, CancellationToken cancellationToken)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, metrics, cancellationToken);
            return await ChildProcess.RunAsync("/bin/sh", ["-c", "promtool check metrics < \"$0\"", file], TimeSpan.FromSeconds(20),
                cancellationToken: cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels contain <paramref name="label"/>.</summary>
    private static double Value(string metrics, string name, string? label = null) =>
        PrometheusSamples.Values(metrics, name, label).Single();
}
