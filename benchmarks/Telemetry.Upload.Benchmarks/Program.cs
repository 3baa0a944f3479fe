using Telemetry.Upload.Benchmarks;

// Usage: Telemetry.Upload.Benchmarks [reports=200000] [sinks=files,postgres] (null: no sink, the Redis baseline).

var reports = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
var sinks = args.Length > 1 ? args[1].Split(',') : ["files", "postgres"];
foreach (var sink in sinks)
{
    await DrainBenchmark.RunAsync(sink, reports);
}
