namespace Telemetry.Grpc.Benchmarks;

/// <summary>
/// One streaming run: messages sent one way, their rate, and the bytes the server process allocated per message
/// while reading them (sampled after the first message and after the last), and its CPU time per message over the
/// whole run; and the bytes and CPU time the client process spent per message while writing.
/// </summary>
internal sealed record StreamRun(
    long Messages,
    double MessagesPerSecond,
    double AllocatedBytesPerMessage,
    double CpuNanosecondsPerMessage,
    double ClientAllocatedBytesPerMessage,
    double ClientCpuNanosecondsPerMessage);
