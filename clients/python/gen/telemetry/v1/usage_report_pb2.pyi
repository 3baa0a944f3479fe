from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from telemetry.v1 import coroot_pb2 as _coroot_pb2
from telemetry.v1 import crash_report_pb2 as _crash_report_pb2
from telemetry.v1 import influxdb_pb2 as _influxdb_pb2
from telemetry.v1 import loki_pb2 as _loki_pb2
from telemetry.v1 import metric_kinds_pb2 as _metric_kinds_pb2
from telemetry.v1 import mimir_pb2 as _mimir_pb2
from telemetry.v1 import privacy_pb2 as _privacy_pb2
from telemetry.v1 import qdrant_pb2 as _qdrant_pb2
from telemetry.v1 import tempo_pb2 as _tempo_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BuildInfo(_message.Message):
    __slots__ = ["branch", "build_time", "build_user", "revision", "runtime_version", "version"]
    BRANCH_FIELD_NUMBER: _ClassVar[int]
    BUILD_TIME_FIELD_NUMBER: _ClassVar[int]
    BUILD_USER_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    RUNTIME_VERSION_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    branch: str
    build_time: _timestamp_pb2.Timestamp
    build_user: str
    revision: str
    runtime_version: str
    version: str
    def __init__(self, version: _Optional[str] = ..., revision: _Optional[str] = ..., branch: _Optional[str] = ..., build_user: _Optional[str] = ..., build_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., runtime_version: _Optional[str] = ...) -> None: ...

class Environment(_message.Message):
    __slots__ = ["arch", "gc", "logical_cpus", "memory", "os", "peak_cpu_percent", "threads", "uptime"]
    ARCH_FIELD_NUMBER: _ClassVar[int]
    GC_FIELD_NUMBER: _ClassVar[int]
    LOGICAL_CPUS_FIELD_NUMBER: _ClassVar[int]
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    OS_FIELD_NUMBER: _ClassVar[int]
    PEAK_CPU_PERCENT_FIELD_NUMBER: _ClassVar[int]
    THREADS_FIELD_NUMBER: _ClassVar[int]
    UPTIME_FIELD_NUMBER: _ClassVar[int]
    arch: str
    gc: GarbageCollection
    logical_cpus: int
    memory: ProcessMemory
    os: str
    peak_cpu_percent: float
    threads: int
    uptime: _duration_pb2.Duration
    def __init__(self, os: _Optional[str] = ..., arch: _Optional[str] = ..., logical_cpus: _Optional[int] = ..., memory: _Optional[_Union[ProcessMemory, _Mapping]] = ..., gc: _Optional[_Union[GarbageCollection, _Mapping]] = ..., threads: _Optional[int] = ..., peak_cpu_percent: _Optional[float] = ..., uptime: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class GarbageCollection(_message.Message):
    __slots__ = ["collections_per_generation", "cpu_fraction", "pause_total"]
    COLLECTIONS_PER_GENERATION_FIELD_NUMBER: _ClassVar[int]
    CPU_FRACTION_FIELD_NUMBER: _ClassVar[int]
    PAUSE_TOTAL_FIELD_NUMBER: _ClassVar[int]
    collections_per_generation: _containers.RepeatedScalarFieldContainer[int]
    cpu_fraction: float
    pause_total: _duration_pb2.Duration
    def __init__(self, collections_per_generation: _Optional[_Iterable[int]] = ..., pause_total: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., cpu_fraction: _Optional[float] = ...) -> None: ...

class GenericReport(_message.Message):
    __slots__ = ["crash", "metrics", "product"]
    class MetricsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _metric_kinds_pb2.MetricValue
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_metric_kinds_pb2.MetricValue, _Mapping]] = ...) -> None: ...
    CRASH_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_FIELD_NUMBER: _ClassVar[int]
    crash: _crash_report_pb2.CrashReport
    metrics: _containers.MessageMap[str, _metric_kinds_pb2.MetricValue]
    product: str
    def __init__(self, product: _Optional[str] = ..., metrics: _Optional[_Mapping[str, _metric_kinds_pb2.MetricValue]] = ..., crash: _Optional[_Union[_crash_report_pb2.CrashReport, _Mapping]] = ...) -> None: ...

class InstanceIdentity(_message.Message):
    __slots__ = ["cluster_id", "created_time", "instance_id", "interval_period", "interval_start_time"]
    CLUSTER_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_TIME_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_ID_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_PERIOD_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_START_TIME_FIELD_NUMBER: _ClassVar[int]
    cluster_id: str
    created_time: _timestamp_pb2.Timestamp
    instance_id: str
    interval_period: _duration_pb2.Duration
    interval_start_time: _timestamp_pb2.Timestamp
    def __init__(self, cluster_id: _Optional[str] = ..., instance_id: _Optional[str] = ..., created_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., interval_start_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., interval_period: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class ProcessMemory(_message.Message):
    __slots__ = ["allocated_bytes_total", "heap_bytes", "resident_bytes", "system_bytes"]
    ALLOCATED_BYTES_TOTAL_FIELD_NUMBER: _ClassVar[int]
    HEAP_BYTES_FIELD_NUMBER: _ClassVar[int]
    RESIDENT_BYTES_FIELD_NUMBER: _ClassVar[int]
    SYSTEM_BYTES_FIELD_NUMBER: _ClassVar[int]
    allocated_bytes_total: int
    heap_bytes: int
    resident_bytes: int
    system_bytes: int
    def __init__(self, resident_bytes: _Optional[int] = ..., heap_bytes: _Optional[int] = ..., allocated_bytes_total: _Optional[int] = ..., system_bytes: _Optional[int] = ...) -> None: ...

class UsageReport(_message.Message):
    __slots__ = ["build", "coroot", "edition", "environment", "generic", "influxdb", "instance", "loki", "mimir", "qdrant", "report_id", "report_time", "schema_version", "target", "tempo"]
    BUILD_FIELD_NUMBER: _ClassVar[int]
    COROOT_FIELD_NUMBER: _ClassVar[int]
    EDITION_FIELD_NUMBER: _ClassVar[int]
    ENVIRONMENT_FIELD_NUMBER: _ClassVar[int]
    GENERIC_FIELD_NUMBER: _ClassVar[int]
    INFLUXDB_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_FIELD_NUMBER: _ClassVar[int]
    LOKI_FIELD_NUMBER: _ClassVar[int]
    MIMIR_FIELD_NUMBER: _ClassVar[int]
    QDRANT_FIELD_NUMBER: _ClassVar[int]
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    REPORT_TIME_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_VERSION_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    TEMPO_FIELD_NUMBER: _ClassVar[int]
    build: BuildInfo
    coroot: _coroot_pb2.CorootReport
    edition: str
    environment: Environment
    generic: GenericReport
    influxdb: _influxdb_pb2.InfluxDbReport
    instance: InstanceIdentity
    loki: _loki_pb2.LokiReport
    mimir: _mimir_pb2.MimirReport
    qdrant: _qdrant_pb2.QdrantReport
    report_id: str
    report_time: _timestamp_pb2.Timestamp
    schema_version: int
    target: str
    tempo: _tempo_pb2.TempoReport
    def __init__(self, report_id: _Optional[str] = ..., schema_version: _Optional[int] = ..., instance: _Optional[_Union[InstanceIdentity, _Mapping]] = ..., build: _Optional[_Union[BuildInfo, _Mapping]] = ..., environment: _Optional[_Union[Environment, _Mapping]] = ..., target: _Optional[str] = ..., edition: _Optional[str] = ..., report_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., mimir: _Optional[_Union[_mimir_pb2.MimirReport, _Mapping]] = ..., tempo: _Optional[_Union[_tempo_pb2.TempoReport, _Mapping]] = ..., influxdb: _Optional[_Union[_influxdb_pb2.InfluxDbReport, _Mapping]] = ..., coroot: _Optional[_Union[_coroot_pb2.CorootReport, _Mapping]] = ..., qdrant: _Optional[_Union[_qdrant_pb2.QdrantReport, _Mapping]] = ..., generic: _Optional[_Union[GenericReport, _Mapping]] = ..., loki: _Optional[_Union[_loki_pb2.LokiReport, _Mapping]] = ...) -> None: ...
