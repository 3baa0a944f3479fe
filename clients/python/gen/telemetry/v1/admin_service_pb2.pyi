from google.protobuf import timestamp_pb2 as _timestamp_pb2
from telemetry.v1 import usage_report_pb2 as _usage_report_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DataLocationCount(_message.Message):
    __slots__ = ["location", "reports"]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    REPORTS_FIELD_NUMBER: _ClassVar[int]
    location: str
    reports: int
    def __init__(self, location: _Optional[str] = ..., reports: _Optional[int] = ...) -> None: ...

class DeleteInstanceDataRequest(_message.Message):
    __slots__ = ["instance_key"]
    INSTANCE_KEY_FIELD_NUMBER: _ClassVar[int]
    instance_key: str
    def __init__(self, instance_key: _Optional[str] = ...) -> None: ...

class DeleteInstanceDataResponse(_message.Message):
    __slots__ = ["removed"]
    REMOVED_FIELD_NUMBER: _ClassVar[int]
    removed: _containers.RepeatedCompositeFieldContainer[DataLocationCount]
    def __init__(self, removed: _Optional[_Iterable[_Union[DataLocationCount, _Mapping]]] = ...) -> None: ...

class ExportInstanceDataRequest(_message.Message):
    __slots__ = ["instance_key"]
    INSTANCE_KEY_FIELD_NUMBER: _ClassVar[int]
    instance_key: str
    def __init__(self, instance_key: _Optional[str] = ...) -> None: ...

class ExportInstanceDataResponse(_message.Message):
    __slots__ = ["arrival_time", "location", "report"]
    ARRIVAL_TIME_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    arrival_time: _timestamp_pb2.Timestamp
    location: str
    report: _usage_report_pb2.UsageReport
    def __init__(self, report: _Optional[_Union[_usage_report_pb2.UsageReport, _Mapping]] = ..., location: _Optional[str] = ..., arrival_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
