using System.Diagnostics;
using System.Globalization;

namespace Telemetry.Insights.Benchmarks;

/// <summary>
/// Times the dashboard's questions over HTTP. Cold: every sample asks for a range one day shorter than the one
/// before, so no answer is in the cache. Cached: the same question again after a first answer.
/// </summary>
internal static class QuestionTimings
{
    /// <summary>The questions the page asks over a time range, as query strings without the range.</summary>
    public static readonly (string Name, string Path)[] Questions =
    [
        ("active by day", "products/acme/active?bucket=INSIGHT_BUCKET_DAY&"),
        ("active by week", "products/acme/active?bucket=INSIGHT_BUCKET_WEEK&"),
        ("active by week on linux", "products/acme/active?bucket=INSIGHT_BUCKET_WEEK&filter=environment.os:linux&"),
        ("versions by week", "products/acme/breakdown?bucket=INSIGHT_BUCKET_WEEK&field=build.version&"),
        ("os by month", "products/acme/breakdown?bucket=INSIGHT_BUCKET_MONTH&field=environment.os&"),
        ("sizes of series", "products/acme/sizes?field=generic.metrics.series&"),
        ("tracing adoption", "products/acme/adoption?bucket=INSIGHT_BUCKET_WEEK&field=generic.metrics.tracing&"),
        ("versions by week on linux", "products/acme/breakdown?bucket=INSIGHT_BUCKET_WEEK&field=build.version&filter=environment.os:linux&"),
    ];

    public static async Task<List<(string Name, double ColdP50, double ColdP95, double CachedP50, double CachedP95)>> MeasureAsync(
        string operations, DateOnly first, DateOnly last, int samples, CancellationToken cancellationToken)
    {
        using var http = BenchCollector.InsightsClient(operations);
        var results = new List<(string, double, double, double, double)>();
        foreach (var (name, path) in Questions)
        {
            var cold = new List<double>();
            for (var s = 0; s < samples; s++)
            {
                cold.Add(await TimeAsync(http, Range(path, first, last.AddDays(-s)), cancellationToken));
            }

            var cached = new List<double>();
            var same = Range(path, first, last);
            for (var s = 0; s < samples; s++)
            {
                cached.Add(await TimeAsync(http, same, cancellationToken));
            }

            results.Add((name, Percentile(cold, 0.50), Percentile(cold, 0.95), Percentile(cached, 0.50), Percentile(cached, 0.95)));
        }

        return results;
    }

    private static string Range(string path, DateOnly from, DateOnly to) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}start_date={from:yyyy-MM-dd}&end_date={to:yyyy-MM-dd}");

    private static async Task<double> TimeAsync(HttpClient http, string query, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(new Uri(query, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{query} answered {(int)response.StatusCode}: {body}");
        }

        return elapsed;
    }

    // Nearest rank.
    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
