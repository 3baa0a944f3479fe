namespace Telemetry.Reporter.Runtime;

/// <summary>The process's resource use at one moment.</summary>
internal sealed record RuntimeSample(
    long ResidentBytes,
    long HeapBytes,
    long AllocatedBytesTotal,
    long SystemBytes,
    long[] CollectionsPerGeneration,
    TimeSpan PauseTotal,
    double GcCpuFraction,
    int Threads);
