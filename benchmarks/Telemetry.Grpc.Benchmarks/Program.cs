using Telemetry.Grpc.Benchmarks;

// "serve" is the server process the orchestrator starts; anything else is a benchmark run (scripts/bench-grpc.sh).
if (args is ["serve"])
{
    return await BenchmarkServers.ServeAsync();
}

using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(20));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await BenchmarkRunner.RunAsync(BenchmarkOptions.Parse(args), cancellation.Token);
