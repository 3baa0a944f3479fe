from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from telemetry.v1 import privacy_pb2 as _privacy_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Counter(_message.Message):
    __slots__ = ["rate", "total"]
    RATE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    rate: float
    total: int
    def __init__(self, total: _Optional[int] = ..., rate: _Optional[float] = ...) -> None: ...

class DistinctCount(_message.Message):
    __slots__ = ["count"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    count: int
    def __init__(self, count: _Optional[int] = ...) -> None: ...

class Histogram(_message.Message):
    __slots__ = ["bounds", "count", "counts", "sum"]
    BOUNDS_FIELD_NUMBER: _ClassVar[int]
    COUNTS_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    SUM_FIELD_NUMBER: _ClassVar[int]
    bounds: _containers.RepeatedScalarFieldContainer[float]
    count: int
    counts: _containers.RepeatedScalarFieldContainer[int]
    sum: float
    def __init__(self, bounds: _Optional[_Iterable[float]] = ..., counts: _Optional[_Iterable[int]] = ..., sum: _Optional[float] = ..., count: _Optional[int] = ...) -> None: ...

class MetricValue(_message.Message):
    __slots__ = ["counter", "distinct_count", "float_value", "histogram", "int_value", "series", "statistics", "string_value"]
    COUNTER_FIELD_NUMBER: _ClassVar[int]
    DISTINCT_COUNT_FIELD_NUMBER: _ClassVar[int]
    FLOAT_VALUE_FIELD_NUMBER: _ClassVar[int]
    HISTOGRAM_FIELD_NUMBER: _ClassVar[int]
    INT_VALUE_FIELD_NUMBER: _ClassVar[int]
    SERIES_FIELD_NUMBER: _ClassVar[int]
    STATISTICS_FIELD_NUMBER: _ClassVar[int]
    STRING_VALUE_FIELD_NUMBER: _ClassVar[int]
    counter: Counter
    distinct_count: DistinctCount
    float_value: float
    histogram: Histogram
    int_value: int
    series: SampledSeries
    statistics: Statistics
    string_value: str
    def __init__(self, string_value: _Optional[str] = ..., int_value: _Optional[int] = ..., float_value: _Optional[float] = ..., counter: _Optional[_Union[Counter, _Mapping]] = ..., statistics: _Optional[_Union[Statistics, _Mapping]] = ..., distinct_count: _Optional[_Union[DistinctCount, _Mapping]] = ..., histogram: _Optional[_Union[Histogram, _Mapping]] = ..., series: _Optional[_Union[SampledSeries, _Mapping]] = ...) -> None: ...

class SampledSeries(_message.Message):
    __slots__ = ["period", "start_time", "values"]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    period: _duration_pb2.Duration
    start_time: _timestamp_pb2.Timestamp
    values: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, start_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., period: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., values: _Optional[_Iterable[float]] = ...) -> None: ...

class Statistics(_message.Message):
    __slots__ = ["avg", "count", "max", "min", "stddev", "stdvar"]
    AVG_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    MIN_FIELD_NUMBER: _ClassVar[int]
    STDDEV_FIELD_NUMBER: _ClassVar[int]
    STDVAR_FIELD_NUMBER: _ClassVar[int]
    avg: float
    count: int
    max: float
    min: float
    stddev: float
    stdvar: float
    def __init__(self, count: _Optional[int] = ..., min: _Optional[float] = ..., max: _Optional[float] = ..., avg: _Optional[float] = ..., stddev: _Optional[float] = ..., stdvar: _Optional[float] = ...) -> None: ...
