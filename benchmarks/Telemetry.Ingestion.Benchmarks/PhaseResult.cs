namespace Telemetry.Ingestion.Benchmarks;

/// <summary>What one load phase achieved.</summary>
/// <param name="Sent">Reports sent.</param>
/// <param name="Accepted">Reports acknowledged as accepted.</param>
/// <param name="Other">Reports answered with another outcome (duplicate, rejected, limited, overloaded).</param>
/// <param name="Failed">Calls or acknowledgements lost to errors.</param>
/// <param name="Elapsed">Time from the first send to the last acknowledgement.</param>
/// <param name="P50Ms">Median acknowledgement latency.</param>
/// <param name="P99Ms">99th-percentile acknowledgement latency.</param>
internal sealed record PhaseResult(long Sent, long Accepted, long Other, long Failed, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double AcceptedPerSecond => Accepted / Elapsed.TotalSeconds;
}
