from google.protobuf import timestamp_pb2 as _timestamp_pb2
from telemetry.v1 import grafana_pb2 as _grafana_pb2
from telemetry.v1 import metric_kinds_pb2 as _metric_kinds_pb2
from telemetry.v1 import privacy_pb2 as _privacy_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LokiMetrics(_message.Message):
    __slots__ = ["memstats", "num_cpu", "num_goroutine", "values"]
    class ValuesEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _metric_kinds_pb2.MetricValue
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_metric_kinds_pb2.MetricValue, _Mapping]] = ...) -> None: ...
    MEMSTATS_FIELD_NUMBER: _ClassVar[int]
    NUM_CPU_FIELD_NUMBER: _ClassVar[int]
    NUM_GOROUTINE_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    memstats: _grafana_pb2.GoMemStats
    num_cpu: int
    num_goroutine: int
    values: _containers.MessageMap[str, _metric_kinds_pb2.MetricValue]
    def __init__(self, memstats: _Optional[_Union[_grafana_pb2.GoMemStats, _Mapping]] = ..., num_cpu: _Optional[int] = ..., num_goroutine: _Optional[int] = ..., values: _Optional[_Mapping[str, _metric_kinds_pb2.MetricValue]] = ...) -> None: ...

class LokiReport(_message.Message):
    __slots__ = ["arch", "cluster_id", "created_at", "edition", "interval", "interval_period", "metrics", "os", "target", "version"]
    ARCH_FIELD_NUMBER: _ClassVar[int]
    CLUSTER_ID_FIELD_NUMBER: _ClassVar[int]
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
    created_at: _timestamp_pb2.Timestamp
    edition: str
    interval: _timestamp_pb2.Timestamp
    interval_period: float
    metrics: LokiMetrics
    os: str
    target: str
    version: _grafana_pb2.GrafanaVersion
    def __init__(self, cluster_id: _Optional[str] = ..., created_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., interval: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., interval_period: _Optional[float] = ..., target: _Optional[str] = ..., version: _Optional[_Union[_grafana_pb2.GrafanaVersion, _Mapping]] = ..., os: _Optional[str] = ..., arch: _Optional[str] = ..., edition: _Optional[str] = ..., metrics: _Optional[_Union[LokiMetrics, _Mapping]] = ...) -> None: ...
