using System.Globalization;
using System.Text.Json;

namespace Telemetry.Insights.Benchmarks;

/// <summary>
/// How many installations the rollups hold: the new installations of every month of the population's range. A merge
/// that failed (DuckDB out of memory, for one) leaves installations out while the uploader still counts their reports
/// as stored, and would make every question fast and wrong.
/// </summary>
internal static class RollupCompleteness
{
    public static async Task<long> InstallationsAsync(string operations, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        using var http = BenchCollector.InsightsClient(operations);
        var query = string.Create(CultureInfo.InvariantCulture,
            $"products/acme/active?bucket=INSIGHT_BUCKET_MONTH&start_date={first:yyyy-MM-dd}&end_date={last:yyyy-MM-dd}");
        using var response = await http.GetAsync(new Uri(query, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{query} answered {(int)response.StatusCode}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        long installations = 0;
        foreach (var point in document.RootElement.GetProperty("points").EnumerateArray())
        {
            // A zero is left out; the collector writes int64 as a number, the protobuf mapping's default is a string.
            if (point.TryGetProperty("newInstallations", out var fresh))
            {
                installations += fresh.ValueKind == JsonValueKind.String
                    ? long.Parse(fresh.GetString()!, CultureInfo.InvariantCulture)
                    : fresh.GetInt64();
            }
        }

        return installations;
    }
}
