using System.Diagnostics;

namespace Telemetry.Reporter.Benchmarks;

/// <summary>Times an operation and counts what it allocates on the calling thread.</summary>
internal static class Measure
{
    /// <summary>Runs <paramref name="rounds"/> measurements and returns the fastest.</summary>
    public static (TimeSpan PerOperation, double AllocatedBytesPerOperation) Best(int rounds, int count, Action operation) =>
        Enumerable.Range(0, rounds).Select(_ => Run(count, operation)).MinBy(result => result.PerOperation);

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
