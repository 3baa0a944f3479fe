from google.protobuf import timestamp_pb2 as _timestamp_pb2
from telemetry.v1 import crash_report_pb2 as _crash_report_pb2
from telemetry.v1 import grafana_pb2 as _grafana_pb2
from telemetry.v1 import metric_kinds_pb2 as _metric_kinds_pb2
from telemetry.v1 import privacy_pb2 as _privacy_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class MimirMetrics(_message.Message):
    __slots__ = ["blocks_storage_backend", "cpu_usage", "ingester_active_series", "ingester_appended_exemplars", "ingester_appended_samples", "ingester_inmemory_series", "ingester_inmemory_tenants", "ingester_ooo_enabled_tenants", "ingester_ooo_max_window", "ingester_ooo_min_window", "ingester_replication_factor", "ingester_ring_store", "installation_mode", "memstats", "num_cpu", "num_goroutine", "querier_cardinality_query_requests", "querier_exemplars_query_requests", "querier_formatting_requests", "querier_instant_query_requests", "querier_labels_query_requests", "querier_metadata_query_requests", "querier_range_query_requests", "querier_remote_read_requests", "querier_series_query_requests"]
    BLOCKS_STORAGE_BACKEND_FIELD_NUMBER: _ClassVar[int]
    CPU_USAGE_FIELD_NUMBER: _ClassVar[int]
    INGESTER_ACTIVE_SERIES_FIELD_NUMBER: _ClassVar[int]
    INGESTER_APPENDED_EXEMPLARS_FIELD_NUMBER: _ClassVar[int]
    INGESTER_APPENDED_SAMPLES_FIELD_NUMBER: _ClassVar[int]
    INGESTER_INMEMORY_SERIES_FIELD_NUMBER: _ClassVar[int]
    INGESTER_INMEMORY_TENANTS_FIELD_NUMBER: _ClassVar[int]
    INGESTER_OOO_ENABLED_TENANTS_FIELD_NUMBER: _ClassVar[int]
    INGESTER_OOO_MAX_WINDOW_FIELD_NUMBER: _ClassVar[int]
    INGESTER_OOO_MIN_WINDOW_FIELD_NUMBER: _ClassVar[int]
    INGESTER_REPLICATION_FACTOR_FIELD_NUMBER: _ClassVar[int]
    INGESTER_RING_STORE_FIELD_NUMBER: _ClassVar[int]
    INSTALLATION_MODE_FIELD_NUMBER: _ClassVar[int]
    MEMSTATS_FIELD_NUMBER: _ClassVar[int]
    NUM_CPU_FIELD_NUMBER: _ClassVar[int]
    NUM_GOROUTINE_FIELD_NUMBER: _ClassVar[int]
    QUERIER_CARDINALITY_QUERY_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    QUERIER_EXEMPLARS_QUERY_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    QUERIER_FORMATTING_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    QUERIER_INSTANT_QUERY_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    QUERIER_LABELS_QUERY_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    QUERIER_METADATA_QUERY_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    QUERIER_RANGE_QUERY_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    QUERIER_REMOTE_READ_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    QUERIER_SERIES_QUERY_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    blocks_storage_backend: str
    cpu_usage: float
    ingester_active_series: int
    ingester_appended_exemplars: _metric_kinds_pb2.Counter
    ingester_appended_samples: _metric_kinds_pb2.Counter
    ingester_inmemory_series: int
    ingester_inmemory_tenants: int
    ingester_ooo_enabled_tenants: int
    ingester_ooo_max_window: int
    ingester_ooo_min_window: int
    ingester_replication_factor: int
    ingester_ring_store: str
    installation_mode: str
    memstats: _grafana_pb2.GoMemStats
    num_cpu: int
    num_goroutine: int
    querier_cardinality_query_requests: _metric_kinds_pb2.Counter
    querier_exemplars_query_requests: _metric_kinds_pb2.Counter
    querier_formatting_requests: _metric_kinds_pb2.Counter
    querier_instant_query_requests: _metric_kinds_pb2.Counter
    querier_labels_query_requests: _metric_kinds_pb2.Counter
    querier_metadata_query_requests: _metric_kinds_pb2.Counter
    querier_range_query_requests: _metric_kinds_pb2.Counter
    querier_remote_read_requests: _metric_kinds_pb2.Counter
    querier_series_query_requests: _metric_kinds_pb2.Counter
    def __init__(self, memstats: _Optional[_Union[_grafana_pb2.GoMemStats, _Mapping]] = ..., num_goroutine: _Optional[int] = ..., cpu_usage: _Optional[float] = ..., num_cpu: _Optional[int] = ..., blocks_storage_backend: _Optional[str] = ..., installation_mode: _Optional[str] = ..., ingester_replication_factor: _Optional[int] = ..., ingester_ring_store: _Optional[str] = ..., ingester_inmemory_series: _Optional[int] = ..., ingester_active_series: _Optional[int] = ..., ingester_inmemory_tenants: _Optional[int] = ..., ingester_ooo_enabled_tenants: _Optional[int] = ..., ingester_ooo_min_window: _Optional[int] = ..., ingester_ooo_max_window: _Optional[int] = ..., ingester_appended_samples: _Optional[_Union[_metric_kinds_pb2.Counter, _Mapping]] = ..., ingester_appended_exemplars: _Optional[_Union[_metric_kinds_pb2.Counter, _Mapping]] = ..., querier_remote_read_requests: _Optional[_Union[_metric_kinds_pb2.Counter, _Mapping]] = ..., querier_instant_query_requests: _Optional[_Union[_metric_kinds_pb2.Counter, _Mapping]] = ..., querier_range_query_requests: _Optional[_Union[_metric_kinds_pb2.Counter, _Mapping]] = ..., querier_exemplars_query_requests: _Optional[_Union[_metric_kinds_pb2.Counter, _Mapping]] = ..., querier_labels_query_requests: _Optional[_Union[_metric_kinds_pb2.Counter, _Mapping]] = ..., querier_series_query_requests: _Optional[_Union[_metric_kinds_pb2.Counter, _Mapping]] = ..., querier_metadata_query_requests: _Optional[_Union[_metric_kinds_pb2.Counter, _Mapping]] = ..., querier_cardinality_query_requests: _Optional[_Union[_metric_kinds_pb2.Counter, _Mapping]] = ..., querier_formatting_requests: _Optional[_Union[_metric_kinds_pb2.Counter, _Mapping]] = ...) -> None: ...

class MimirReport(_message.Message):
    __slots__ = ["arch", "cluster_id", "crash", "created_at", "edition", "interval", "interval_period", "metrics", "mode", "os", "target", "version"]
    ARCH_FIELD_NUMBER: _ClassVar[int]
    CLUSTER_ID_FIELD_NUMBER: _ClassVar[int]
    CRASH_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    EDITION_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_PERIOD_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
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
    metrics: MimirMetrics
    mode: str
    os: str
    target: str
    version: _grafana_pb2.GrafanaVersion
    def __init__(self, cluster_id: _Optional[str] = ..., created_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., interval: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., interval_period: _Optional[float] = ..., target: _Optional[str] = ..., version: _Optional[_Union[_grafana_pb2.GrafanaVersion, _Mapping]] = ..., os: _Optional[str] = ..., arch: _Optional[str] = ..., edition: _Optional[str] = ..., mode: _Optional[str] = ..., metrics: _Optional[_Union[MimirMetrics, _Mapping]] = ..., crash: _Optional[_Union[_crash_report_pb2.CrashReport, _Mapping]] = ...) -> None: ...
