from google.api import annotations_pb2 as _annotations_pb2
from telemetry.v1 import privacy_pb2 as _privacy_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
INSIGHT_BUCKET_DAY: InsightBucket
INSIGHT_BUCKET_MONTH: InsightBucket
INSIGHT_BUCKET_UNSPECIFIED: InsightBucket
INSIGHT_BUCKET_WEEK: InsightBucket
INSIGHT_FIELD_KIND_CATEGORICAL: InsightFieldKind
INSIGHT_FIELD_KIND_NUMERIC: InsightFieldKind
INSIGHT_FIELD_KIND_UNSPECIFIED: InsightFieldKind

class ActiveInstallations(_message.Message):
    __slots__ = ["active", "bucket", "lost_installations", "new_installations"]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    LOST_INSTALLATIONS_FIELD_NUMBER: _ClassVar[int]
    NEW_INSTALLATIONS_FIELD_NUMBER: _ClassVar[int]
    active: int
    bucket: str
    lost_installations: int
    new_installations: int
    def __init__(self, bucket: _Optional[str] = ..., active: _Optional[int] = ..., new_installations: _Optional[int] = ..., lost_installations: _Optional[int] = ...) -> None: ...

class FeatureAdoption(_message.Message):
    __slots__ = ["active", "adopted", "bucket", "share"]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    ADOPTED_FIELD_NUMBER: _ClassVar[int]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    SHARE_FIELD_NUMBER: _ClassVar[int]
    active: int
    adopted: int
    bucket: str
    share: float
    def __init__(self, bucket: _Optional[str] = ..., active: _Optional[int] = ..., adopted: _Optional[int] = ..., share: _Optional[float] = ...) -> None: ...

class GetActiveInstallationsRequest(_message.Message):
    __slots__ = ["bucket", "end_date", "filter", "max_version", "min_version", "product", "start_date"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    MAX_VERSION_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    bucket: InsightBucket
    end_date: str
    filter: _containers.RepeatedScalarFieldContainer[str]
    max_version: str
    min_version: str
    product: str
    start_date: str
    def __init__(self, product: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., bucket: _Optional[_Union[InsightBucket, str]] = ..., filter: _Optional[_Iterable[str]] = ..., min_version: _Optional[str] = ..., max_version: _Optional[str] = ...) -> None: ...

class GetActiveInstallationsResponse(_message.Message):
    __slots__ = ["points"]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    points: _containers.RepeatedCompositeFieldContainer[ActiveInstallations]
    def __init__(self, points: _Optional[_Iterable[_Union[ActiveInstallations, _Mapping]]] = ...) -> None: ...

class GetBreakdownRequest(_message.Message):
    __slots__ = ["bucket", "end_date", "field", "filter", "max_version", "min_version", "product", "start_date"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    MAX_VERSION_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    bucket: InsightBucket
    end_date: str
    field: str
    filter: _containers.RepeatedScalarFieldContainer[str]
    max_version: str
    min_version: str
    product: str
    start_date: str
    def __init__(self, product: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., bucket: _Optional[_Union[InsightBucket, str]] = ..., filter: _Optional[_Iterable[str]] = ..., field: _Optional[str] = ..., min_version: _Optional[str] = ..., max_version: _Optional[str] = ...) -> None: ...

class GetBreakdownResponse(_message.Message):
    __slots__ = ["shares"]
    SHARES_FIELD_NUMBER: _ClassVar[int]
    shares: _containers.RepeatedCompositeFieldContainer[ValueShare]
    def __init__(self, shares: _Optional[_Iterable[_Union[ValueShare, _Mapping]]] = ...) -> None: ...

class GetFeatureAdoptionRequest(_message.Message):
    __slots__ = ["bucket", "end_date", "field", "filter", "max_version", "min_version", "product", "start_date"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    MAX_VERSION_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    bucket: InsightBucket
    end_date: str
    field: str
    filter: _containers.RepeatedScalarFieldContainer[str]
    max_version: str
    min_version: str
    product: str
    start_date: str
    def __init__(self, product: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., bucket: _Optional[_Union[InsightBucket, str]] = ..., filter: _Optional[_Iterable[str]] = ..., field: _Optional[str] = ..., min_version: _Optional[str] = ..., max_version: _Optional[str] = ...) -> None: ...

class GetFeatureAdoptionResponse(_message.Message):
    __slots__ = ["points"]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    points: _containers.RepeatedCompositeFieldContainer[FeatureAdoption]
    def __init__(self, points: _Optional[_Iterable[_Union[FeatureAdoption, _Mapping]]] = ...) -> None: ...

class GetSizesRequest(_message.Message):
    __slots__ = ["end_date", "field", "filter", "max_version", "min_version", "product", "start_date"]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    MAX_VERSION_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    end_date: str
    field: str
    filter: _containers.RepeatedScalarFieldContainer[str]
    max_version: str
    min_version: str
    product: str
    start_date: str
    def __init__(self, product: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., filter: _Optional[_Iterable[str]] = ..., field: _Optional[str] = ..., min_version: _Optional[str] = ..., max_version: _Optional[str] = ...) -> None: ...

class GetSizesResponse(_message.Message):
    __slots__ = ["bins", "installations", "percentiles"]
    BINS_FIELD_NUMBER: _ClassVar[int]
    INSTALLATIONS_FIELD_NUMBER: _ClassVar[int]
    PERCENTILES_FIELD_NUMBER: _ClassVar[int]
    bins: _containers.RepeatedCompositeFieldContainer[SizeBin]
    installations: int
    percentiles: SizePercentiles
    def __init__(self, installations: _Optional[int] = ..., percentiles: _Optional[_Union[SizePercentiles, _Mapping]] = ..., bins: _Optional[_Iterable[_Union[SizeBin, _Mapping]]] = ...) -> None: ...

class GetVersionAdoptionRequest(_message.Message):
    __slots__ = ["bucket", "end_date", "filter", "max_version", "min_version", "product", "start_date"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    MAX_VERSION_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    bucket: InsightBucket
    end_date: str
    filter: _containers.RepeatedScalarFieldContainer[str]
    max_version: str
    min_version: str
    product: str
    start_date: str
    def __init__(self, product: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., bucket: _Optional[_Union[InsightBucket, str]] = ..., filter: _Optional[_Iterable[str]] = ..., min_version: _Optional[str] = ..., max_version: _Optional[str] = ...) -> None: ...

class GetVersionAdoptionResponse(_message.Message):
    __slots__ = ["shares"]
    SHARES_FIELD_NUMBER: _ClassVar[int]
    shares: _containers.RepeatedCompositeFieldContainer[ValueShare]
    def __init__(self, shares: _Optional[_Iterable[_Union[ValueShare, _Mapping]]] = ...) -> None: ...

class InsightFieldInfo(_message.Message):
    __slots__ = ["kind", "listed", "path", "privacy_class", "unit"]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LISTED_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    PRIVACY_CLASS_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    kind: InsightFieldKind
    listed: bool
    path: str
    privacy_class: _privacy_pb2.PrivacyClass
    unit: str
    def __init__(self, path: _Optional[str] = ..., kind: _Optional[_Union[InsightFieldKind, str]] = ..., privacy_class: _Optional[_Union[_privacy_pb2.PrivacyClass, str]] = ..., listed: bool = ..., unit: _Optional[str] = ...) -> None: ...

class ListFieldsRequest(_message.Message):
    __slots__ = ["product"]
    PRODUCT_FIELD_NUMBER: _ClassVar[int]
    product: str
    def __init__(self, product: _Optional[str] = ...) -> None: ...

class ListFieldsResponse(_message.Message):
    __slots__ = ["fields"]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    fields: _containers.RepeatedCompositeFieldContainer[InsightFieldInfo]
    def __init__(self, fields: _Optional[_Iterable[_Union[InsightFieldInfo, _Mapping]]] = ...) -> None: ...

class ListProductsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListProductsResponse(_message.Message):
    __slots__ = ["products"]
    PRODUCTS_FIELD_NUMBER: _ClassVar[int]
    products: _containers.RepeatedCompositeFieldContainer[ProductInstallations]
    def __init__(self, products: _Optional[_Iterable[_Union[ProductInstallations, _Mapping]]] = ...) -> None: ...

class ListUnknownFieldsRequest(_message.Message):
    __slots__ = ["product"]
    PRODUCT_FIELD_NUMBER: _ClassVar[int]
    product: str
    def __init__(self, product: _Optional[str] = ...) -> None: ...

class ListUnknownFieldsResponse(_message.Message):
    __slots__ = ["fields"]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    fields: _containers.RepeatedCompositeFieldContainer[UnknownFieldCount]
    def __init__(self, fields: _Optional[_Iterable[_Union[UnknownFieldCount, _Mapping]]] = ...) -> None: ...

class ProductInstallations(_message.Message):
    __slots__ = ["installations", "product", "raw_reports_kept_days"]
    INSTALLATIONS_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_FIELD_NUMBER: _ClassVar[int]
    RAW_REPORTS_KEPT_DAYS_FIELD_NUMBER: _ClassVar[int]
    installations: int
    product: str
    raw_reports_kept_days: float
    def __init__(self, product: _Optional[str] = ..., installations: _Optional[int] = ..., raw_reports_kept_days: _Optional[float] = ...) -> None: ...

class SizeBin(_message.Message):
    __slots__ = ["installations", "lower", "upper"]
    INSTALLATIONS_FIELD_NUMBER: _ClassVar[int]
    LOWER_FIELD_NUMBER: _ClassVar[int]
    UPPER_FIELD_NUMBER: _ClassVar[int]
    installations: int
    lower: float
    upper: float
    def __init__(self, lower: _Optional[float] = ..., upper: _Optional[float] = ..., installations: _Optional[int] = ...) -> None: ...

class SizePercentiles(_message.Message):
    __slots__ = ["p50", "p90", "p99"]
    P50_FIELD_NUMBER: _ClassVar[int]
    P90_FIELD_NUMBER: _ClassVar[int]
    P99_FIELD_NUMBER: _ClassVar[int]
    p50: float
    p90: float
    p99: float
    def __init__(self, p50: _Optional[float] = ..., p90: _Optional[float] = ..., p99: _Optional[float] = ...) -> None: ...

class UnknownFieldCount(_message.Message):
    __slots__ = ["path", "reports"]
    PATH_FIELD_NUMBER: _ClassVar[int]
    REPORTS_FIELD_NUMBER: _ClassVar[int]
    path: str
    reports: int
    def __init__(self, path: _Optional[str] = ..., reports: _Optional[int] = ...) -> None: ...

class ValueShare(_message.Message):
    __slots__ = ["bucket", "installations", "share", "value"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    INSTALLATIONS_FIELD_NUMBER: _ClassVar[int]
    SHARE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    installations: int
    share: float
    value: str
    def __init__(self, bucket: _Optional[str] = ..., value: _Optional[str] = ..., installations: _Optional[int] = ..., share: _Optional[float] = ...) -> None: ...

class InsightBucket(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class InsightFieldKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
