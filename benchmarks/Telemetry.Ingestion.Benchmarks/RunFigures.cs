namespace Telemetry.Ingestion.Benchmarks;

/// <summary>The figures of one measured run.</summary>
/// <param name="HealthCheckRate">gRPC health checks per second (h2load).</param>
/// <param name="HealthCheckCollectorCpu">The collector's CPU microseconds per h2load health check.</param>
/// <param name="ClientHealthCheckRate">gRPC health checks per second through the unary phase's own client and concurrency.</param>
/// <param name="XaddRate">XADD commands per second (redis-benchmark).</param>
/// <param name="BufferAppendRate">Reports per second through the buffer's append path alone (no gRPC).</param>
/// <param name="BufferAppendRedisCpu">Redis CPU microseconds per report of that append path.</param>
/// <param name="Unary">The measured unary phase.</param>
/// <param name="UnaryCpu">Where the CPU of the unary phase went, per accepted report.</param>
/// <param name="Stream">The measured streaming phase.</param>
/// <param name="StreamCpu">Where the CPU of the streaming phase went, per accepted report.</param>
internal sealed record RunFigures(
    double HealthCheckRate,
    double HealthCheckCollectorCpu,
    double ClientHealthCheckRate,
    double XaddRate,
    double BufferAppendRate,
    double BufferAppendRedisCpu,
    PhaseResult Unary,
    CpuPerReport UnaryCpu,
    PhaseResult Stream,
    CpuPerReport StreamCpu);
