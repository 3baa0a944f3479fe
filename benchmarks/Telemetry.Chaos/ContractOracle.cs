using Telemetry.V1;

namespace Telemetry.Chaos;

/// <summary>
/// The fuzz run's own reading of the contract for the fields its inputs carry, written apart from the collector's
/// validator so that an input both get wrong is less likely: report_id a canonical UUID, schema_version 1, an
/// instance id, and histograms consistent (one more count than bounds, increasing bounds, count the sum of counts).
/// </summary>
internal static class ContractOracle
{
    public static string? Violation(UsageReport report)
    {
        if (!Guid.TryParseExact(report.ReportId, "D", out var id) || id == Guid.Empty || report.ReportId.Any(char.IsUpper))
        {
            return "report_id is not a canonical UUID";
        }

        if (report.SchemaVersion != 1)
        {
            return "schema_version is not 1";
        }

        if (report.Instance is null || (report.Instance.InstanceId.Length == 0 && report.Instance.ClusterId.Length == 0))
        {
            return "instance has no id";
        }

        foreach (var (name, value) in report.Generic is { } generic ? generic.Metrics : [])
        {
            if (value.Histogram is { } histogram
                && (histogram.Counts.Count != histogram.Bounds.Count + 1
                    || histogram.Bounds.Zip(histogram.Bounds.Skip(1)).Any(pair => !(pair.Second > pair.First))
                    || histogram.Counts.Aggregate(0UL, (sum, count) => sum + count) != histogram.Count))
            {
                return $"histogram {name} is inconsistent";
            }
        }

        return null;
    }
}
