from telemetry.v1 import crash_report_pb2 as _crash_report_pb2
from telemetry.v1 import metric_kinds_pb2 as _metric_kinds_pb2
from telemetry.v1 import privacy_pb2 as _privacy_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class InfluxDbFunctionCalls(_message.Message):
    __slots__ = ["count", "function"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    FUNCTION_FIELD_NUMBER: _ClassVar[int]
    count: int
    function: str
    def __init__(self, function: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class InfluxDbHttpApiRequests(_message.Message):
    __slots__ = ["count", "method", "path", "status", "user_agent"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    USER_AGENT_FIELD_NUMBER: _ClassVar[int]
    count: int
    method: str
    path: str
    status: str
    user_agent: str
    def __init__(self, path: _Optional[str] = ..., method: _Optional[str] = ..., status: _Optional[str] = ..., user_agent: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class InfluxDbIndexPartition(_message.Message):
    __slots__ = ["index_partition", "series"]
    INDEX_PARTITION_FIELD_NUMBER: _ClassVar[int]
    SERIES_FIELD_NUMBER: _ClassVar[int]
    index_partition: str
    series: int
    def __init__(self, index_partition: _Optional[str] = ..., series: _Optional[int] = ...) -> None: ...

class InfluxDbQueryRequests(_message.Message):
    __slots__ = ["count", "org", "result"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    ORG_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    count: int
    org: str
    result: str
    def __init__(self, org: _Optional[str] = ..., result: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class InfluxDbReport(_message.Message):
    __slots__ = ["arch", "buckets_total", "build_date", "bytes_scanned_total", "bytes_written_total", "commit", "cpus", "crash", "dashboards_total", "flux_function_calls", "http_api_requests", "id", "index_partitions", "ip", "organizations_total", "os", "query_duration_seconds", "query_requests", "remotes_total", "replications_total", "scrapers_total", "series_file_partitions", "series_total", "storage_bytes", "task_scheduler_claims_active", "telegraf_plugins", "telegrafs_total", "tokens_total", "uptime_seconds", "users_total", "version", "wal_current_segment_bytes", "wal_writes_by_status"]
    class TelegrafPluginsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class WalWritesByStatusEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    ARCH_FIELD_NUMBER: _ClassVar[int]
    BUCKETS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    BUILD_DATE_FIELD_NUMBER: _ClassVar[int]
    BYTES_SCANNED_TOTAL_FIELD_NUMBER: _ClassVar[int]
    BYTES_WRITTEN_TOTAL_FIELD_NUMBER: _ClassVar[int]
    COMMIT_FIELD_NUMBER: _ClassVar[int]
    CPUS_FIELD_NUMBER: _ClassVar[int]
    CRASH_FIELD_NUMBER: _ClassVar[int]
    DASHBOARDS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    FLUX_FUNCTION_CALLS_FIELD_NUMBER: _ClassVar[int]
    HTTP_API_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    INDEX_PARTITIONS_FIELD_NUMBER: _ClassVar[int]
    IP_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATIONS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    OS_FIELD_NUMBER: _ClassVar[int]
    QUERY_DURATION_SECONDS_FIELD_NUMBER: _ClassVar[int]
    QUERY_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    REMOTES_TOTAL_FIELD_NUMBER: _ClassVar[int]
    REPLICATIONS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    SCRAPERS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    SERIES_FILE_PARTITIONS_FIELD_NUMBER: _ClassVar[int]
    SERIES_TOTAL_FIELD_NUMBER: _ClassVar[int]
    STORAGE_BYTES_FIELD_NUMBER: _ClassVar[int]
    TASK_SCHEDULER_CLAIMS_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    TELEGRAFS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    TELEGRAF_PLUGINS_FIELD_NUMBER: _ClassVar[int]
    TOKENS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    UPTIME_SECONDS_FIELD_NUMBER: _ClassVar[int]
    USERS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    WAL_CURRENT_SEGMENT_BYTES_FIELD_NUMBER: _ClassVar[int]
    WAL_WRITES_BY_STATUS_FIELD_NUMBER: _ClassVar[int]
    arch: str
    buckets_total: int
    build_date: str
    bytes_scanned_total: int
    bytes_written_total: int
    commit: str
    cpus: int
    crash: _crash_report_pb2.CrashReport
    dashboards_total: int
    flux_function_calls: _containers.RepeatedCompositeFieldContainer[InfluxDbFunctionCalls]
    http_api_requests: _containers.RepeatedCompositeFieldContainer[InfluxDbHttpApiRequests]
    id: str
    index_partitions: _containers.RepeatedCompositeFieldContainer[InfluxDbIndexPartition]
    ip: str
    organizations_total: int
    os: str
    query_duration_seconds: _metric_kinds_pb2.Histogram
    query_requests: _containers.RepeatedCompositeFieldContainer[InfluxDbQueryRequests]
    remotes_total: int
    replications_total: int
    scrapers_total: int
    series_file_partitions: _containers.RepeatedCompositeFieldContainer[InfluxDbSeriesFilePartition]
    series_total: int
    storage_bytes: int
    task_scheduler_claims_active: int
    telegraf_plugins: _containers.ScalarMap[str, int]
    telegrafs_total: int
    tokens_total: int
    uptime_seconds: float
    users_total: int
    version: str
    wal_current_segment_bytes: int
    wal_writes_by_status: _containers.ScalarMap[str, int]
    def __init__(self, id: _Optional[str] = ..., version: _Optional[str] = ..., commit: _Optional[str] = ..., build_date: _Optional[str] = ..., os: _Optional[str] = ..., arch: _Optional[str] = ..., cpus: _Optional[int] = ..., ip: _Optional[str] = ..., buckets_total: _Optional[int] = ..., bytes_written_total: _Optional[int] = ..., bytes_scanned_total: _Optional[int] = ..., dashboards_total: _Optional[int] = ..., flux_function_calls: _Optional[_Iterable[_Union[InfluxDbFunctionCalls, _Mapping]]] = ..., http_api_requests: _Optional[_Iterable[_Union[InfluxDbHttpApiRequests, _Mapping]]] = ..., query_duration_seconds: _Optional[_Union[_metric_kinds_pb2.Histogram, _Mapping]] = ..., query_requests: _Optional[_Iterable[_Union[InfluxDbQueryRequests, _Mapping]]] = ..., organizations_total: _Optional[int] = ..., scrapers_total: _Optional[int] = ..., series_total: _Optional[int] = ..., index_partitions: _Optional[_Iterable[_Union[InfluxDbIndexPartition, _Mapping]]] = ..., series_file_partitions: _Optional[_Iterable[_Union[InfluxDbSeriesFilePartition, _Mapping]]] = ..., storage_bytes: _Optional[int] = ..., task_scheduler_claims_active: _Optional[int] = ..., telegrafs_total: _Optional[int] = ..., tokens_total: _Optional[int] = ..., uptime_seconds: _Optional[float] = ..., users_total: _Optional[int] = ..., wal_current_segment_bytes: _Optional[int] = ..., wal_writes_by_status: _Optional[_Mapping[str, int]] = ..., remotes_total: _Optional[int] = ..., replications_total: _Optional[int] = ..., telegraf_plugins: _Optional[_Mapping[str, int]] = ..., crash: _Optional[_Union[_crash_report_pb2.CrashReport, _Mapping]] = ...) -> None: ...

class InfluxDbSeriesFilePartition(_message.Message):
    __slots__ = ["disk_bytes", "series_file_partition"]
    DISK_BYTES_FIELD_NUMBER: _ClassVar[int]
    SERIES_FILE_PARTITION_FIELD_NUMBER: _ClassVar[int]
    disk_bytes: int
    series_file_partition: str
    def __init__(self, series_file_partition: _Optional[str] = ..., disk_bytes: _Optional[int] = ...) -> None: ...
