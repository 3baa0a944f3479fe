from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor
PRIVACY_CLASS_KEYED_HASH: PrivacyClass
PRIVACY_CLASS_NEVER_STORED: PrivacyClass
PRIVACY_CLASS_PUBLIC: PrivacyClass
PRIVACY_CLASS_ROUNDED: PrivacyClass
PRIVACY_CLASS_UNSPECIFIED: PrivacyClass
PRIVACY_FIELD_NUMBER: _ClassVar[int]
UNIT_FIELD_NUMBER: _ClassVar[int]
privacy: _descriptor.FieldDescriptor
unit: _descriptor.FieldDescriptor

class PrivacyClass(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
