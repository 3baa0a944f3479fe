namespace Telemetry.Intake.Tests.Infrastructure;

/// <summary>
/// Coroot's and Qdrant's bodies as their reporters marshal them: Coroot's documented payload (stats/stats.go) in
/// plain JSON, Qdrant's TelemetryData at detail level 2 (src/common/telemetry_reporting.rs) and its panic report
/// (src/common/error_reporting.rs).
/// </summary>
internal static class VendorBodies
{
    public static string Coroot(string uuid) => Fill("""
        {
          "instance": {"uuid": "__ID__", "version": "1.6.3", "database_type": "sqlite", "edition": "Community", "installation_type": "helm"},
          "integration": {
            "prometheus": true, "node_agent": true, "kube_state_metrics": true,
            "inspection_overrides": {"CPUNode": {"project_level": 1, "application_level": 2}},
            "application_categories": 3, "alerting_integrations": ["slack"], "cloud_costs": true, "clickhouse": true,
            "tracing": true, "logs": true, "profiles": true, "opentelemetry_collector": true
          },
          "stack": {"clouds": ["aws", "hetzner"], "services": ["postgres", "redis"], "instrumented_services": ["postgres"]},
          "infra": {"projects": 2, "applications": 18, "nodes": 10, "instances": 50, "deployments": 1, "deployment_summaries": {"-CPU": 1, "+Logs": 1}},
          "ux": {
            "users_by_screen_size": {"xs": 1, "lg": 7},
            "users": ["20174a56-4a1e-41ca-a90d-b657d1fa873e"],
            "page_views": {"/p/$projectId": 1},
            "world_load_time_avg": 0.053, "audit_time_avg": 0.011, "sent_notifications": {"slack": 4}
          },
          "performance": {
            "constructor": {
              "stages": {"query": 0.022014374, "load_nodes": 0.000139763},
              "queries": {"node_info": {"failed": false, "query_time": 0.012892758, "metrics_count": 4}}
            },
            "cpu_usage": [0.079, 0.071],
            "memory_usage": [27086848, 27086848]
          },
          "profile": {"from": 1678113877, "to": 1678114877, "cpu": "AAEC", "memory": "AwQF"}
        }
        """, uuid);

    public static string QdrantTelemetry(string id) => Fill("""
        {
          "id": "__ID__",
          "app": {
            "name": "qdrant", "version": "1.19.0", "startup": "2026-12-03T00:00:03.120Z",
            "features": {"debug": false, "service_debug_feature": false, "recovery_mode": false, "gpu": false, "rocksdb": false, "staging": false},
            "hnsw_global_config": {"healing_threshold": 0.3},
            "system": {"distribution": "debian", "distribution_version": "12", "is_docker": true, "cores": 8, "ram_size": 16380912, "disk_size": 514312312, "cpu_flags": "sse,sse2,avx,avx2,fma", "cpu_endian": "little"}
          },
          "collections": {
            "number_of_collections": 2,
            "collections": [
              {"id": "9f86d081884c7d65", "init_time_ms": 12, "config": {
                "params": {"vectors": {"size": 384, "distance": "Cosine", "on_disk": false}, "shard_number": 1, "replication_factor": 1, "write_consistency_factor": 1, "on_disk_payload": true},
                "hnsw_config": {"m": 16, "ef_construct": 100, "full_scan_threshold": 10000, "max_indexing_threads": 0},
                "optimizer_config": {"deleted_threshold": 0.2, "vacuum_min_vector_number": 1000, "default_segment_number": 0, "flush_interval_sec": 5},
                "wal_config": {"wal_capacity_mb": 32, "wal_segments_ahead": 0, "wal_retain_closed": 1}}},
              {"id": "60303ae22b998861", "config": {
                "params": {"vectors": {"text": {"size": 768, "distance": "Dot"}}, "shard_number": 2, "replication_factor": 1, "write_consistency_factor": 1, "on_disk_payload": false},
                "hnsw_config": {"m": 32, "ef_construct": 200, "full_scan_threshold": 10000, "max_indexing_threads": 2},
                "optimizer_config": {"deleted_threshold": 0.2, "vacuum_min_vector_number": 1000, "default_segment_number": 2, "flush_interval_sec": 5},
                "wal_config": {"wal_capacity_mb": 32, "wal_segments_ahead": 0, "wal_retain_closed": 1}}}
            ]
          },
          "requests": {
            "rest": {"responses": {"GET /collections": {"200": {"count": 1234, "avg_duration_micros": 35.5, "min_duration_micros": 10.0, "max_duration_micros": 90.0, "total_duration_micros": 43800, "last_responded": "2026-12-03T01:00:00Z"}}}},
            "grpc": {"responses": {"/qdrant.Points/Search": {"0": {"count": 7}}}}
          },
          "memory": {"active_bytes": 123456789, "allocated_bytes": 100000000, "metadata_bytes": 1000000, "resident_bytes": 130000000, "retained_bytes": 5000000},
          "jemalloc_arenas": 4
        }
        """, id);

    public static string QdrantPanic(string id) => Fill("""
        {"id": "__ID__", "error": "called `Option::unwrap()` on a `None` value in collection \"customers\"", "backtrace": " in file lib/segment/src/index/hnsw.rs at line 412"}
        """, id);

    // Raw JSON with a placeholder rather than interpolation: the bodies close several objects at once ("}}}").
    private static string Fill(string json, string id) => json.Replace("__ID__", id, StringComparison.Ordinal);
}
