using Telemetry.Ingestion.Benchmarks;

// End-to-end ingestion benchmark; scripts/bench-ingest.sh builds and runs it. Exit code 1 when a run fails or an
// acknowledged report is missing from Redis; figures below target are reported, not failed.
try
{
    var options = BenchmarkOptions.Parse(args);
    // Every phase is bounded on its own; this bounds the whole run as well.
    using var overall = new CancellationTokenSource(TimeSpan.FromMinutes(20));
    return await IngestionBenchmark.RunAsync(options, overall.Token);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine("bench-ingest: " + exception.Message);
    return 2;
}
