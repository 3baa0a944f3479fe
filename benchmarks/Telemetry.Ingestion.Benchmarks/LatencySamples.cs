using System.Diagnostics;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>Latencies in Stopwatch ticks, collected per worker without locks and merged for percentiles.</summary>
internal sealed class LatencySamples
{
    private readonly List<long> _ticks = new(1 << 16);

    public int Count => _ticks.Count;

    public void Add(long ticks) => _ticks.Add(ticks);

    public static (double P50Ms, double P99Ms) Percentiles(IEnumerable<LatencySamples> samples)
    {
        var all = samples.SelectMany(s => s._ticks).ToArray();
        if (all.Length == 0)
        {
            return (double.NaN, double.NaN);
        }

        Array.Sort(all);
        return (Milliseconds(all[(int)((all.Length - 1) * 0.50)]), Milliseconds(all[(int)((all.Length - 1) * 0.99)]));
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
