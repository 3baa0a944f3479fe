using System.Diagnostics;

namespace Telemetry.Reporter.Benchmarks;

/// <summary>Times an operation and counts what it allocates on the calling thread.</summary>
internal static class Measure
{
    public static (TimeSpan PerOperation, double AllocatedBytesPerOperation) Run(int count, Action operation)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            operation();
        }

        stopwatch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return (stopwatch.Elapsed / count, (double)allocated / count);
    }
}
