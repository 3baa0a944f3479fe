using System.Globalization;
using Telemetry.Upload.Benchmarks;

// Usage: Telemetry.Upload.Benchmarks [reports=200000] [sinks=files,postgres] (null: no sink, the Redis baseline).

var reports = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
var sinks = args.Length > 1 ? args[1].Split(',') : ["files", "postgres"];
// The files drain's target: this share of the same run's null drain.
const double FilesTarget = 0.85;
var rates = new Dictionary<string, double>();
foreach (var sink in sinks)
{
    rates[sink] = await DrainBenchmark.RunAsync(sink, reports);
}

if (sinks.Contains("files"))
{
    var (encoding, formatting) = EncodingCost.Measure();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"files: encoding alone, in this process: {encoding:F1} µs of CPU per report, of which protobuf's JSON formatting {formatting:F1} µs"));
}

if (rates.TryGetValue("null", out var baseline) && rates.TryGetValue("files", out var files))
{
    // At the target, the file sink may add this much wall time per report to the drain.
    var budget = (1 / (FilesTarget * baseline) - 1 / baseline) * 1e6;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"files drain: {files:N0} reports/s, {files / baseline:P0} of the same run's null drain (target >= {FilesTarget:P0}: {(files >= FilesTarget * baseline ? "met" : "not met")}); at {FilesTarget:P0} the file sink may add {budget:F2} µs of wall time per report"));
}
