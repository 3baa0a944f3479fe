from telemetry.v1 import privacy_pb2 as _privacy_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class CrashReport(_message.Message):
    __slots__ = ["error_type", "function", "source_file", "source_line"]
    ERROR_TYPE_FIELD_NUMBER: _ClassVar[int]
    FUNCTION_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FILE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_LINE_FIELD_NUMBER: _ClassVar[int]
    error_type: str
    function: str
    source_file: str
    source_line: int
    def __init__(self, error_type: _Optional[str] = ..., source_file: _Optional[str] = ..., source_line: _Optional[int] = ..., function: _Optional[str] = ...) -> None: ...
