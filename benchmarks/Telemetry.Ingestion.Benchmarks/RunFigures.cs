namespace Telemetry.Ingestion.Benchmarks;

/// <summary>The figures of one measured run.</summary>
internal sealed record RunFigures(double HealthCheckRate, double XaddRate, PhaseResult Unary, PhaseResult Stream);
