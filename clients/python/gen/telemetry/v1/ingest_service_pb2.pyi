from google.protobuf import duration_pb2 as _duration_pb2
from telemetry.v1 import usage_report_pb2 as _usage_report_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
REPORT_OUTCOME_ACCEPTED: ReportOutcome
REPORT_OUTCOME_DUPLICATE: ReportOutcome
REPORT_OUTCOME_OVERLOADED: ReportOutcome
REPORT_OUTCOME_RATE_LIMITED: ReportOutcome
REPORT_OUTCOME_REJECTED: ReportOutcome
REPORT_OUTCOME_UNSPECIFIED: ReportOutcome

class IngestReportsRequest(_message.Message):
    __slots__ = ["reports", "request_id"]
    REPORTS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    reports: _containers.RepeatedCompositeFieldContainer[_usage_report_pb2.UsageReport]
    request_id: str
    def __init__(self, request_id: _Optional[str] = ..., reports: _Optional[_Iterable[_Union[_usage_report_pb2.UsageReport, _Mapping]]] = ...) -> None: ...

class IngestReportsResponse(_message.Message):
    __slots__ = ["results"]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[ReportResult]
    def __init__(self, results: _Optional[_Iterable[_Union[ReportResult, _Mapping]]] = ...) -> None: ...

class ReportResult(_message.Message):
    __slots__ = ["field_path", "outcome", "reason", "report_id", "retry_delay"]
    FIELD_PATH_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    RETRY_DELAY_FIELD_NUMBER: _ClassVar[int]
    field_path: str
    outcome: ReportOutcome
    reason: str
    report_id: str
    retry_delay: _duration_pb2.Duration
    def __init__(self, report_id: _Optional[str] = ..., outcome: _Optional[_Union[ReportOutcome, str]] = ..., field_path: _Optional[str] = ..., reason: _Optional[str] = ..., retry_delay: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class StreamReportsRequest(_message.Message):
    __slots__ = ["report"]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    report: _usage_report_pb2.UsageReport
    def __init__(self, report: _Optional[_Union[_usage_report_pb2.UsageReport, _Mapping]] = ...) -> None: ...

class StreamReportsResponse(_message.Message):
    __slots__ = ["result"]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: ReportResult
    def __init__(self, result: _Optional[_Union[ReportResult, _Mapping]] = ...) -> None: ...

class ReportOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
