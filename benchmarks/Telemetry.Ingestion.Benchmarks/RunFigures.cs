namespace Telemetry.Ingestion.Benchmarks;

/// <summary>The figures of one measured run.</summary>
/// <param name="HealthCheckRate">gRPC health checks per second (h2load).</param>
/// <param name="ClientHealthCheckRate">gRPC health checks per second through the unary phase's own client and concurrency.</param>
/// <param name="XaddRate">XADD commands per second (redis-benchmark).</param>
/// <param name="BufferAppendRate">Reports per second through the buffer's append path alone (no gRPC).</param>
/// <param name="BufferAppendRedisCpu">Redis CPU microseconds per report of that append path.</param>
/// <param name="Unary">The measured unary phase.</param>
/// <param name="Stream">The measured streaming phase.</param>
/// <param name="Cpu">Where the CPU went: the collector per health check, and each process per report.</param>
internal sealed record RunFigures(double HealthCheckRate, double ClientHealthCheckRate, double XaddRate, double BufferAppendRate, double BufferAppendRedisCpu, PhaseResult Unary, PhaseResult Stream, string Cpu);
