using System.Globalization;

namespace Telemetry.Ingestion.Benchmarks;

/// <summary>CPU microseconds (user + system) each process spent per accepted report during one phase.</summary>
internal sealed record CpuPerReport(double Collector, double Redis, double Load)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CPU µs/report: collector {Collector:F0}, redis {Redis:F0}, load {Load:F0}");
}
