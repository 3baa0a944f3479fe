namespace Telemetry.Grpc.Benchmarks;

/// <summary>One h2load run: calls per second, and the server process's allocated bytes and CPU time per call.</summary>
internal sealed record UnaryRun(double RequestsPerSecond, double AllocatedBytesPerCall, double CpuMicrosecondsPerCall);
