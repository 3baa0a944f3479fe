using System.Collections.Frozen;
using Telemetry.Reporter.Metrics;

namespace Telemetry.Sample;

/// <summary>
/// Counts requests per query endpoint type, as Mimir's querier does: one static route → counter table, built once;
/// the hot path is a dictionary lookup and one <see cref="CounterMetric.Increment"/>.
/// </summary>
internal sealed class QuerierRequestCounters
{
    /// <summary>Each query route and the <c>MimirMetrics</c> counter it counts into.</summary>
    public static readonly IReadOnlyList<(string Path, string Counter)> Routes =
    [
        ("/api/v1/query", "querier_instant_query_requests"),
        ("/api/v1/query_range", "querier_range_query_requests"),
        ("/api/v1/query_exemplars", "querier_exemplars_query_requests"),
        ("/api/v1/series", "querier_series_query_requests"),
        ("/api/v1/labels", "querier_labels_query_requests"),
        ("/api/v1/metadata", "querier_metadata_query_requests"),
        ("/api/v1/read", "querier_remote_read_requests"),
        ("/api/v1/cardinality/label_names", "querier_cardinality_query_requests"),
        ("/api/v1/cardinality/label_values", "querier_cardinality_query_requests"),
        ("/api/v1/format_query", "querier_formatting_requests"),
    ];

    private readonly FrozenDictionary<string, CounterMetric> _counters;

    public QuerierRequestCounters(MetricRegistry metrics) =>
        _counters = Routes.ToFrozenDictionary(r => r.Path, r => metrics.Counter(r.Counter), StringComparer.Ordinal);

    /// <summary>The middleware: counts the request if its path is a query route, then passes it on.</summary>
    public RequestDelegate Middleware(RequestDelegate next) => context =>
    {
        if (context.Request.Path.Value is { } path && _counters.TryGetValue(path, out var counter))
        {
            counter.Increment();
        }

        return next(context);
    };
}
