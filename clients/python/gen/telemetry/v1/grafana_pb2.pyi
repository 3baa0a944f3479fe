from telemetry.v1 import privacy_pb2 as _privacy_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class GoMemStats(_message.Message):
    __slots__ = ["alloc", "gc_cpu_fraction", "heap_alloc", "heap_inuse", "num_gc", "pause_total_ns", "stack_inuse", "sys", "total_alloc"]
    ALLOC_FIELD_NUMBER: _ClassVar[int]
    GC_CPU_FRACTION_FIELD_NUMBER: _ClassVar[int]
    HEAP_ALLOC_FIELD_NUMBER: _ClassVar[int]
    HEAP_INUSE_FIELD_NUMBER: _ClassVar[int]
    NUM_GC_FIELD_NUMBER: _ClassVar[int]
    PAUSE_TOTAL_NS_FIELD_NUMBER: _ClassVar[int]
    STACK_INUSE_FIELD_NUMBER: _ClassVar[int]
    SYS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ALLOC_FIELD_NUMBER: _ClassVar[int]
    alloc: int
    gc_cpu_fraction: float
    heap_alloc: int
    heap_inuse: int
    num_gc: int
    pause_total_ns: int
    stack_inuse: int
    sys: int
    total_alloc: int
    def __init__(self, alloc: _Optional[int] = ..., total_alloc: _Optional[int] = ..., sys: _Optional[int] = ..., heap_alloc: _Optional[int] = ..., heap_inuse: _Optional[int] = ..., stack_inuse: _Optional[int] = ..., pause_total_ns: _Optional[int] = ..., num_gc: _Optional[int] = ..., gc_cpu_fraction: _Optional[float] = ...) -> None: ...

class GrafanaVersion(_message.Message):
    __slots__ = ["branch", "build_date", "build_user", "go_version", "revision", "version"]
    BRANCH_FIELD_NUMBER: _ClassVar[int]
    BUILD_DATE_FIELD_NUMBER: _ClassVar[int]
    BUILD_USER_FIELD_NUMBER: _ClassVar[int]
    GO_VERSION_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    branch: str
    build_date: str
    build_user: str
    go_version: str
    revision: str
    version: str
    def __init__(self, version: _Optional[str] = ..., revision: _Optional[str] = ..., branch: _Optional[str] = ..., build_user: _Optional[str] = ..., build_date: _Optional[str] = ..., go_version: _Optional[str] = ...) -> None: ...
