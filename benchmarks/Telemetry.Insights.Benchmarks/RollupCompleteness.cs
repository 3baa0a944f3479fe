using System.Globalization;
using System.Text.Json;

namespace Telemetry.Insights.Benchmarks;

/// <summary>
/// What the rollups hold: the installations (new installations of every month of the population's range) and the
/// installation-days (active installations of every day). A merge that failed (DuckDB out of memory, for one) leaves
/// installation-days out while the uploader still counts their reports as stored, and would make every question fast
/// and wrong; the installations alone miss it, as every installation reports in many batches.
/// </summary>
internal static class RollupCompleteness
{
    public static async Task<long> InstallationsAsync(string operations, DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        await SumAsync(operations, "INSIGHT_BUCKET_MONTH", "newInstallations", first, last, cancellationToken);

    public static async Task<long> InstallationDaysAsync(string operations, DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        await SumAsync(operations, "INSIGHT_BUCKET_DAY", "active", first, last, cancellationToken);

    /// <summary>The sum of one count of every point of the active-installations question.</summary>
    private static async Task<long> SumAsync(string operations, string bucket, string count, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        using var http = BenchCollector.InsightsClient(operations);
        var query = string.Create(CultureInfo.InvariantCulture,
            $"products/acme/active?bucket={bucket}&start_date={first:yyyy-MM-dd}&end_date={last:yyyy-MM-dd}");
        using var response = await http.GetAsync(new Uri(query, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{query} answered {(int)response.StatusCode}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        long sum = 0;
        foreach (var point in document.RootElement.GetProperty("points").EnumerateArray())
        {
            // A zero is left out; the collector writes int64 as a number, the protobuf mapping's default is a string.
            if (point.TryGetProperty(count, out var value))
            {
                sum += value.ValueKind == JsonValueKind.String
                    ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture)
                    : value.GetInt64();
            }
        }

        return sum;
    }
}
