from google.protobuf import timestamp_pb2 as _timestamp_pb2
from telemetry.v1 import crash_report_pb2 as _crash_report_pb2
from telemetry.v1 import grafana_pb2 as _grafana_pb2
from telemetry.v1 import metric_kinds_pb2 as _metric_kinds_pb2
from telemetry.v1 import privacy_pb2 as _privacy_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TempoMetrics(_message.Message):
    __slots__ = ["cache_memcached", "cache_redis", "distributor_bytes_received", "distributor_spans_received", "feature_enabled_auth_stats", "feature_enabled_multitenancy", "frontend_concurrency", "frontend_version", "memstats", "num_cpu", "num_goroutine", "receiver_enabled_jaeger", "receiver_enabled_kafka", "receiver_enabled_opencensus", "receiver_enabled_otlp", "receiver_enabled_zipkin", "ring_kv_store", "ring_replication_factor", "storage_backend", "storage_block_encoding", "storage_block_search_encoding", "storage_cache", "storage_wal_encoding", "storage_wal_search_encoding"]
    CACHE_MEMCACHED_FIELD_NUMBER: _ClassVar[int]
    CACHE_REDIS_FIELD_NUMBER: _ClassVar[int]
    DISTRIBUTOR_BYTES_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    DISTRIBUTOR_SPANS_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    FEATURE_ENABLED_AUTH_STATS_FIELD_NUMBER: _ClassVar[int]
    FEATURE_ENABLED_MULTITENANCY_FIELD_NUMBER: _ClassVar[int]
    FRONTEND_CONCURRENCY_FIELD_NUMBER: _ClassVar[int]
    FRONTEND_VERSION_FIELD_NUMBER: _ClassVar[int]
    MEMSTATS_FIELD_NUMBER: _ClassVar[int]
    NUM_CPU_FIELD_NUMBER: _ClassVar[int]
    NUM_GOROUTINE_FIELD_NUMBER: _ClassVar[int]
    RECEIVER_ENABLED_JAEGER_FIELD_NUMBER: _ClassVar[int]
    RECEIVER_ENABLED_KAFKA_FIELD_NUMBER: _ClassVar[int]
    RECEIVER_ENABLED_OPENCENSUS_FIELD_NUMBER: _ClassVar[int]
    RECEIVER_ENABLED_OTLP_FIELD_NUMBER: _ClassVar[int]
    RECEIVER_ENABLED_ZIPKIN_FIELD_NUMBER: _ClassVar[int]
    RING_KV_STORE_FIELD_NUMBER: _ClassVar[int]
    RING_REPLICATION_FACTOR_FIELD_NUMBER: _ClassVar[int]
    STORAGE_BACKEND_FIELD_NUMBER: _ClassVar[int]
    STORAGE_BLOCK_ENCODING_FIELD_NUMBER: _ClassVar[int]
    STORAGE_BLOCK_SEARCH_ENCODING_FIELD_NUMBER: _ClassVar[int]
    STORAGE_CACHE_FIELD_NUMBER: _ClassVar[int]
    STORAGE_WAL_ENCODING_FIELD_NUMBER: _ClassVar[int]
    STORAGE_WAL_SEARCH_ENCODING_FIELD_NUMBER: _ClassVar[int]
    cache_memcached: int
    cache_redis: int
    distributor_bytes_received: _metric_kinds_pb2.Counter
    distributor_spans_received: _metric_kinds_pb2.Counter
    feature_enabled_auth_stats: int
    feature_enabled_multitenancy: int
    frontend_concurrency: int
    frontend_version: str
    memstats: _grafana_pb2.GoMemStats
    num_cpu: int
    num_goroutine: int
    receiver_enabled_jaeger: int
    receiver_enabled_kafka: int
    receiver_enabled_opencensus: int
    receiver_enabled_otlp: int
    receiver_enabled_zipkin: int
    ring_kv_store: str
    ring_replication_factor: int
    storage_backend: str
    storage_block_encoding: str
    storage_block_search_encoding: str
    storage_cache: str
    storage_wal_encoding: str
    storage_wal_search_encoding: str
    def __init__(self, ring_kv_store: _Optional[str] = ..., memstats: _Optional[_Union[_grafana_pb2.GoMemStats, _Mapping]] = ..., num_cpu: _Optional[int] = ..., num_goroutine: _Optional[int] = ..., feature_enabled_multitenancy: _Optional[int] = ..., feature_enabled_auth_stats: _Optional[int] = ..., receiver_enabled_jaeger: _Optional[int] = ..., receiver_enabled_opencensus: _Optional[int] = ..., receiver_enabled_otlp: _Optional[int] = ..., receiver_enabled_kafka: _Optional[int] = ..., receiver_enabled_zipkin: _Optional[int] = ..., storage_block_encoding: _Optional[str] = ..., storage_block_search_encoding: _Optional[str] = ..., storage_wal_encoding: _Optional[str] = ..., storage_wal_search_encoding: _Optional[str] = ..., storage_cache: _Optional[str] = ..., storage_backend: _Optional[str] = ..., frontend_version: _Optional[str] = ..., frontend_concurrency: _Optional[int] = ..., ring_replication_factor: _Optional[int] = ..., cache_memcached: _Optional[int] = ..., cache_redis: _Optional[int] = ..., distributor_bytes_received: _Optional[_Union[_metric_kinds_pb2.Counter, _Mapping]] = ..., distributor_spans_received: _Optional[_Union[_metric_kinds_pb2.Counter, _Mapping]] = ...) -> None: ...

class TempoReport(_message.Message):
    __slots__ = ["arch", "cluster_id", "crash", "created_at", "edition", "interval", "interval_period", "metrics", "os", "target", "version"]
    ARCH_FIELD_NUMBER: _ClassVar[int]
    CLUSTER_ID_FIELD_NUMBER: _ClassVar[int]
    CRASH_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    EDITION_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_PERIOD_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    OS_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    arch: str
    cluster_id: str
    crash: _crash_report_pb2.CrashReport
    created_at: _timestamp_pb2.Timestamp
    edition: str
    interval: _timestamp_pb2.Timestamp
    interval_period: float
    metrics: TempoMetrics
    os: str
    target: str
    version: _grafana_pb2.GrafanaVersion
    def __init__(self, cluster_id: _Optional[str] = ..., created_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., interval: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., interval_period: _Optional[float] = ..., target: _Optional[str] = ..., version: _Optional[_Union[_grafana_pb2.GrafanaVersion, _Mapping]] = ..., os: _Optional[str] = ..., arch: _Optional[str] = ..., edition: _Optional[str] = ..., metrics: _Optional[_Union[TempoMetrics, _Mapping]] = ..., crash: _Optional[_Union[_crash_report_pb2.CrashReport, _Mapping]] = ...) -> None: ...
