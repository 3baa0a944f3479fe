namespace Telemetry.Intake.Tests.Infrastructure;

/// <summary>
/// Bodies as Grafana's usagestats reporters marshal their <c>Report</c> struct (clusterID, createdAt, interval,
/// intervalPeriod, target, version, os, arch, edition, metrics): Mimir's from pkg/usagestats, Tempo's from its
/// documented example, Loki's from pkg/analytics.
/// </summary>
internal static class GrafanaBodies
{
    public static string Mimir(string clusterId, string interval = "2026-12-03T00:00:00Z") => $$"""
        {
          "clusterID": "{{clusterId}}",
          "createdAt": "2026-11-20T08:15:30.123456789Z",
          "interval": "{{interval}}",
          "intervalPeriod": 14400,
          "target": "all",
          "version": {"version": "2.14.0", "revision": "1b2c3d4", "branch": "HEAD", "buildUser": "root@builder", "buildDate": "2024-09-01T10:00:00Z", "goVersion": "go1.22.5"},
          "os": "linux",
          "arch": "amd64",
          "edition": "oss",
          "metrics": {
            "memstats": {"alloc": 123456789, "total_alloc": 987654321, "sys": 234567890, "heap_alloc": 123456789, "heap_inuse": 130000000, "stack_inuse": 2490368, "pause_total_ns": 872084, "num_gc": 31, "gc_cpu_fraction": 0.0123},
            "num_goroutine": 412,
            "cpu_usage": 12.5,
            "blocks_storage_backend": "s3",
            "installation_mode": "helm",
            "ingester_replication_factor": 3,
            "ingester_ring_store": "memberlist",
            "ingester_inmemory_series": 123456,
            "ingester_inmemory_tenants": 4,
            "ingester_appended_samples": {"total": 100000, "rate": 6.94},
            "querier_range_query_requests": {"total": 5, "rate": 0.0003},
            "distributor_replication_queue_length": 7
          }
        }
        """;

    /// <summary>Tempo's documented example (/status/usage-stats), with a cluster seed as a running cluster has.</summary>
    public static string Tempo(string clusterId) => $$"""
        {
          "clusterID": "{{clusterId}}",
          "createdAt": "2026-11-01T00:00:00Z",
          "interval": "2026-12-03T00:00:00Z",
          "intervalPeriod": 14400,
          "target": "all",
          "version": {"version": "v2.8.0", "revision": "31e2dddb5", "branch": "main", "buildUser": "", "buildDate": "", "goVersion": "go1.24.3"},
          "os": "linux",
          "arch": "arm64",
          "edition": "oss",
          "metrics": {
            "ring_kv_store": "inmemory",
            "memstats": {"heap_inuse": 14106624, "stack_inuse": 2490368, "pause_total_ns": 872084, "num_gc": 3, "gc_cpu_fraction": 0.08786506719453682, "heap_alloc": 11640400, "alloc": 11640400, "total_alloc": 16491760, "sys": 27874568},
            "num_cpu": 8,
            "feature_enabled_multitenancy": 0,
            "receiver_enabled_jaeger": 0,
            "storage_block_encoding": "zstd",
            "storage_block_search_encoding": "snappy",
            "storage_cache": "",
            "receiver_enabled_opencensus": 0,
            "feature_enabled_auth_stats": 0,
            "frontend_version": "v1",
            "storage_backend": "local",
            "receiver_enabled_otlp": 1,
            "ring_replication_factor": 1,
            "storage_wal_encoding": "snappy",
            "storage_wal_search_encoding": "none",
            "num_goroutine": 813,
            "cache_memcached": 1,
            "cache_redis": 0,
            "distributor_bytes_received": {"total": 2048, "rate": 0.14},
            "distributor_spans_received": {"total": 64, "rate": 0.0044},
            "receiver_enabled_kafka": 0,
            "receiver_enabled_zipkin": 0
          }
        }
        """;

    public static string Loki(string clusterId) => $$"""
        {
          "clusterID": "{{clusterId}}",
          "createdAt": "2026-10-01T12:00:00Z",
          "interval": "2026-12-03T04:00:00Z",
          "intervalPeriod": 14400,
          "target": "all",
          "version": {"version": "3.5.5", "revision": "5aa8bd27", "branch": "release-3.5.x", "buildUser": "root@runner", "buildDate": "2025-09-01", "goVersion": "go1.24.1"},
          "os": "linux",
          "arch": "amd64",
          "edition": "oss",
          "metrics": {
            "memstats": {"alloc": 2000000, "num_gc": 12},
            "num_cpu": 4,
            "num_goroutine": 300,
            "store_object_type": "s3",
            "ingester_streams_count": 42,
            "distributor_bytes_received": {"total": 1024, "rate": 0.1},
            "query_metric_latency": {"min": 0.1, "max": 2, "avg": 0.5, "count": 10, "stddev": 0.3, "stdvar": 0.09},
            "compactor_retention_enabled": true,
            "schema_config": {"v13": "tsdb"},
            "tenants": ["a", "b"]
          }
        }
        """;
}
