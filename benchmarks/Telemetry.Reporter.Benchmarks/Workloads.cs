using Telemetry.Reporter.Metrics;

namespace Telemetry.Reporter.Benchmarks;

/// <summary>Registries shaped like a real product's.</summary>
internal static class Workloads
{
    /// <summary>Every metric Mimir reports, plus a statistics, a histogram and a distinct count.</summary>
    public static MetricRegistry MimirLikeRegistry()
    {
        var registry = new MetricRegistry();
        registry.StringValue("blocks_storage_backend").Set("s3");
        registry.StringValue("installation_mode").Set("helm");
        registry.StringValue("ingester_ring_store").Set("memberlist");
        registry.IntValue("ingester_replication_factor").Set(3);
        registry.IntValue("ingester_inmemory_series").Set(1_234_567);
        registry.IntValue("ingester_active_series").Set(1_000_000);
        registry.IntValue("ingester_inmemory_tenants").Set(12);
        registry.IntValue("ingester_ooo_enabled_tenants").Set(2);
        registry.IntValue("ingester_ooo_min_window").Set(600);
        registry.IntValue("ingester_ooo_max_window").Set(3600);
        foreach (var name in new[]
        {
            "ingester_appended_samples", "ingester_appended_exemplars", "querier_remote_read_requests",
            "querier_instant_query_requests", "querier_range_query_requests", "querier_exemplars_query_requests",
            "querier_labels_query_requests", "querier_series_query_requests", "querier_metadata_query_requests",
            "querier_cardinality_query_requests", "querier_formatting_requests",
        })
        {
            registry.Counter(name).Add(1000);
        }

        var latency = registry.Statistics("query_latency_seconds");
        var histogram = registry.Histogram("query_duration_seconds", [0.01, 0.1, 1, 10]);
        for (var i = 0; i < 100; i++)
        {
            latency.Record(i / 100.0);
            histogram.Record(i / 10.0);
        }

        registry.DistinctCount("tenants").Record("tenant-1");
        return registry;
    }
}
