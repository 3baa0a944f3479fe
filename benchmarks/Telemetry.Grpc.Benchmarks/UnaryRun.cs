namespace Telemetry.Grpc.Benchmarks;

/// <summary>One h2load run: calls per second, and bytes the server process allocated per call.</summary>
internal sealed record UnaryRun(double RequestsPerSecond, double AllocatedBytesPerCall);
