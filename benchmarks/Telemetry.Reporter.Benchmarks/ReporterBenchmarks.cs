using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Telemetry.Reporter.Building;
using Telemetry.Reporter.Identity;
using Telemetry.Reporter.Metrics;
using Telemetry.Reporter.Runtime;

namespace Telemetry.Reporter.Benchmarks;

/// <summary>
/// The reporter's costs: building and serializing a report (targets ≤ 50 µs and ≤ 32 KiB allocated) and a counter
/// increment on the hot path (targets ≤ 20 ns and no allocation).
/// </summary>
public class ReporterBenchmarks : IDisposable
{
    private ReportBuilder _builder = null!;
    private MetricRegistry _registry = null!;
    private RuntimeCollector _runtime = null!;
    private InstallationIdentity _identity = null!;
    private CounterMetric _counter = null!;
    private DateTimeOffset _slot;

    /// <summary>The payload: <c>mimir</c> fills a MimirReport, <c>generic</c> sends every metric as is.</summary>
    [Params("mimir", "generic")]
    public string Product { get; set; } = "mimir";

    [GlobalSetup]
    public void SetUp()
    {
        _registry = Workloads.MimirLikeRegistry();
        _runtime = new RuntimeCollector(TimeProvider.System);
        var options = new TelemetryReporterOptions { Product = Product, Target = "all", Edition = "oss" };
        _builder = new ReportBuilder(options, _registry, _runtime, BuildInfoReader.Read(typeof(ReporterBenchmarks).Assembly));
        _identity = EphemeralInstanceIdentityStore.Create(DateTimeOffset.UtcNow);
        _slot = DateTimeOffset.UtcNow;
        _counter = new MetricRegistry().Counter("requests");
    }

    /// <summary>Builds, anonymizes and serializes a report, and acknowledges it as a collector would.</summary>
    [Benchmark(Description = "build+serialize report")]
    public int BuildReport()
    {
        var (report, snapshot) = _builder.Build(_identity, _slot, "0b6f3c1e-5c1a-4e7b-9a53-2f7d1b8e4c21", commit: true);
        var length = report.ToByteArray().Length;
        _registry.Acknowledge(snapshot);
        return length;
    }

    /// <summary>One counter increment, as an instrumented request handler does.</summary>
    [Benchmark(Description = "counter increment")]
    public void Increment() => _counter.Increment();

    [GlobalCleanup]
    public void Dispose()
    {
        _runtime.Dispose();
        GC.SuppressFinalize(this);
    }
}
