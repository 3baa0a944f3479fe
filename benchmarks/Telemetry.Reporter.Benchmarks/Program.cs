using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Telemetry.Reporter;
using Telemetry.Reporter.Benchmarks;
using Telemetry.Reporter.Building;
using Telemetry.Reporter.Identity;
using Telemetry.Reporter.Metrics;
using Telemetry.Reporter.Runtime;

// Plain Stopwatch and allocation counters: the figures are for comparing builds, not for publication.
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1;

foreach (var product in new[] { "mimir", "generic" })
{
    var registry = Workloads.MimirLikeRegistry();
    var options = new TelemetryReporterOptions { Product = product, Target = "all", Edition = "oss" };
    using var runtime = new RuntimeCollector(TimeProvider.System);
    var builder = new ReportBuilder(options, registry, runtime, BuildInfoReader.Read(typeof(Program).Assembly));
    var identity = new EphemeralInstanceIdentityStore().GetOrCreateAsync().Result;
    var slot = DateTimeOffset.UtcNow;

    int Build()
    {
        var (report, snapshot) = builder.Build(identity, slot, "0b6f3c1e-5c1a-4e7b-9a53-2f7d1b8e4c21", commit: true);
        var length = report.ToByteArray().Length;
        registry.Acknowledge(snapshot);
        return length;
    }

    var size = Build();

    // Several rounds, keeping the best: the first ones run while the JIT still promotes methods to optimized code.
    var (perReport, allocatedPerReport) = Measure.Best(rounds: 5, 10_000 * iterations, () => size = Build());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"build+serialize {product,-8} report: {perReport.TotalMicroseconds,8:F2} µs/op  {allocatedPerReport,8:F0} B/op  ({size} bytes encoded; targets ≤ 50 µs, ≤ 32768 B)"));
}

var counter = new MetricRegistry().Counter("requests");
for (var i = 0; i < 1_000_000; i++)
{
    counter.Increment();
}

const int Increments = 50_000_000;
var start = GC.GetAllocatedBytesForCurrentThread();
var stopwatch = Stopwatch.StartNew();
for (var i = 0; i < Increments; i++)
{
    counter.Increment();
}

stopwatch.Stop();
var allocated = GC.GetAllocatedBytesForCurrentThread() - start;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"counter increment (hot path):  {stopwatch.Elapsed.TotalNanoseconds / Increments,8:F2} ns/op  {(double)allocated / Increments,8:F3} B/op  (targets ≤ 20 ns, 0 B)"));
