from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from telemetry.v1 import privacy_pb2 as _privacy_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class QdrantApp(_message.Message):
    __slots__ = ["audit", "features", "hide_jwt_dashboard", "hnsw_global_config", "jwt_rbac", "name", "startup", "system", "version"]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    FEATURES_FIELD_NUMBER: _ClassVar[int]
    HIDE_JWT_DASHBOARD_FIELD_NUMBER: _ClassVar[int]
    HNSW_GLOBAL_CONFIG_FIELD_NUMBER: _ClassVar[int]
    JWT_RBAC_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STARTUP_FIELD_NUMBER: _ClassVar[int]
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    audit: QdrantAudit
    features: QdrantFeatures
    hide_jwt_dashboard: bool
    hnsw_global_config: QdrantHnswGlobalConfig
    jwt_rbac: bool
    name: str
    startup: _timestamp_pb2.Timestamp
    system: QdrantSystem
    version: str
    def __init__(self, name: _Optional[str] = ..., version: _Optional[str] = ..., startup: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., jwt_rbac: bool = ..., hide_jwt_dashboard: bool = ..., features: _Optional[_Union[QdrantFeatures, _Mapping]] = ..., hnsw_global_config: _Optional[_Union[QdrantHnswGlobalConfig, _Mapping]] = ..., system: _Optional[_Union[QdrantSystem, _Mapping]] = ..., audit: _Optional[_Union[QdrantAudit, _Mapping]] = ...) -> None: ...

class QdrantAudit(_message.Message):
    __slots__ = ["dir", "dir_size_bytes", "log_api", "max_log_files", "rotation", "trust_forwarded_headers"]
    DIR_FIELD_NUMBER: _ClassVar[int]
    DIR_SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    LOG_API_FIELD_NUMBER: _ClassVar[int]
    MAX_LOG_FILES_FIELD_NUMBER: _ClassVar[int]
    ROTATION_FIELD_NUMBER: _ClassVar[int]
    TRUST_FORWARDED_HEADERS_FIELD_NUMBER: _ClassVar[int]
    dir: str
    dir_size_bytes: int
    log_api: bool
    max_log_files: int
    rotation: str
    trust_forwarded_headers: bool
    def __init__(self, dir: _Optional[str] = ..., rotation: _Optional[str] = ..., max_log_files: _Optional[int] = ..., trust_forwarded_headers: bool = ..., log_api: bool = ..., dir_size_bytes: _Optional[int] = ...) -> None: ...

class QdrantBinaryQuantization(_message.Message):
    __slots__ = ["always_ram", "encoding", "query_encoding"]
    ALWAYS_RAM_FIELD_NUMBER: _ClassVar[int]
    ENCODING_FIELD_NUMBER: _ClassVar[int]
    QUERY_ENCODING_FIELD_NUMBER: _ClassVar[int]
    always_ram: bool
    encoding: str
    query_encoding: str
    def __init__(self, always_ram: bool = ..., encoding: _Optional[str] = ..., query_encoding: _Optional[str] = ...) -> None: ...

class QdrantCluster(_message.Message):
    __slots__ = ["config", "enabled", "metadata", "peer_metadata", "peers", "resharding_enabled", "status"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _struct_pb2.Value
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ...) -> None: ...
    class PeerMetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: QdrantPeerMetadata
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[QdrantPeerMetadata, _Mapping]] = ...) -> None: ...
    class PeersEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: QdrantPeerInfo
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[QdrantPeerInfo, _Mapping]] = ...) -> None: ...
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    PEERS_FIELD_NUMBER: _ClassVar[int]
    PEER_METADATA_FIELD_NUMBER: _ClassVar[int]
    RESHARDING_ENABLED_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    config: QdrantClusterConfig
    enabled: bool
    metadata: _containers.MessageMap[str, _struct_pb2.Value]
    peer_metadata: _containers.MessageMap[str, QdrantPeerMetadata]
    peers: _containers.MessageMap[str, QdrantPeerInfo]
    resharding_enabled: bool
    status: QdrantClusterStatus
    def __init__(self, enabled: bool = ..., status: _Optional[_Union[QdrantClusterStatus, _Mapping]] = ..., config: _Optional[_Union[QdrantClusterConfig, _Mapping]] = ..., peers: _Optional[_Mapping[str, QdrantPeerInfo]] = ..., peer_metadata: _Optional[_Mapping[str, QdrantPeerMetadata]] = ..., metadata: _Optional[_Mapping[str, _struct_pb2.Value]] = ..., resharding_enabled: bool = ...) -> None: ...

class QdrantClusterConfig(_message.Message):
    __slots__ = ["consensus", "grpc_timeout_ms", "p2p"]
    CONSENSUS_FIELD_NUMBER: _ClassVar[int]
    GRPC_TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    P2P_FIELD_NUMBER: _ClassVar[int]
    consensus: QdrantConsensusConfig
    grpc_timeout_ms: int
    p2p: QdrantP2pConfig
    def __init__(self, grpc_timeout_ms: _Optional[int] = ..., p2p: _Optional[_Union[QdrantP2pConfig, _Mapping]] = ..., consensus: _Optional[_Union[QdrantConsensusConfig, _Mapping]] = ...) -> None: ...

class QdrantClusterStatus(_message.Message):
    __slots__ = ["commit", "consensus_thread_status", "is_voter", "number_of_peers", "peer_id", "pending_operations", "role", "term"]
    COMMIT_FIELD_NUMBER: _ClassVar[int]
    CONSENSUS_THREAD_STATUS_FIELD_NUMBER: _ClassVar[int]
    IS_VOTER_FIELD_NUMBER: _ClassVar[int]
    NUMBER_OF_PEERS_FIELD_NUMBER: _ClassVar[int]
    PEER_ID_FIELD_NUMBER: _ClassVar[int]
    PENDING_OPERATIONS_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    TERM_FIELD_NUMBER: _ClassVar[int]
    commit: int
    consensus_thread_status: QdrantConsensusThreadStatus
    is_voter: bool
    number_of_peers: int
    peer_id: int
    pending_operations: int
    role: str
    term: int
    def __init__(self, number_of_peers: _Optional[int] = ..., term: _Optional[int] = ..., commit: _Optional[int] = ..., pending_operations: _Optional[int] = ..., role: _Optional[str] = ..., is_voter: bool = ..., peer_id: _Optional[int] = ..., consensus_thread_status: _Optional[_Union[QdrantConsensusThreadStatus, _Mapping]] = ...) -> None: ...

class QdrantCollection(_message.Message):
    __slots__ = ["config", "id", "init_time_ms", "resharding", "shard_clean_tasks", "transfers"]
    class ShardCleanTasksEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: _struct_pb2.Value
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ...) -> None: ...
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    INIT_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    RESHARDING_FIELD_NUMBER: _ClassVar[int]
    SHARD_CLEAN_TASKS_FIELD_NUMBER: _ClassVar[int]
    TRANSFERS_FIELD_NUMBER: _ClassVar[int]
    config: QdrantCollectionConfig
    id: str
    init_time_ms: int
    resharding: _containers.RepeatedCompositeFieldContainer[_struct_pb2.Struct]
    shard_clean_tasks: _containers.MessageMap[int, _struct_pb2.Value]
    transfers: _containers.RepeatedCompositeFieldContainer[_struct_pb2.Struct]
    def __init__(self, id: _Optional[str] = ..., init_time_ms: _Optional[int] = ..., config: _Optional[_Union[QdrantCollectionConfig, _Mapping]] = ..., shard_clean_tasks: _Optional[_Mapping[int, _struct_pb2.Value]] = ..., transfers: _Optional[_Iterable[_Union[_struct_pb2.Struct, _Mapping]]] = ..., resharding: _Optional[_Iterable[_Union[_struct_pb2.Struct, _Mapping]]] = ...) -> None: ...

class QdrantCollectionConfig(_message.Message):
    __slots__ = ["hnsw_config", "metadata", "optimizer_config", "params", "quantization_config", "strict_mode_config", "uuid", "wal_config"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _struct_pb2.Value
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ...) -> None: ...
    HNSW_CONFIG_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    OPTIMIZER_CONFIG_FIELD_NUMBER: _ClassVar[int]
    PARAMS_FIELD_NUMBER: _ClassVar[int]
    QUANTIZATION_CONFIG_FIELD_NUMBER: _ClassVar[int]
    STRICT_MODE_CONFIG_FIELD_NUMBER: _ClassVar[int]
    UUID_FIELD_NUMBER: _ClassVar[int]
    WAL_CONFIG_FIELD_NUMBER: _ClassVar[int]
    hnsw_config: QdrantHnswConfig
    metadata: _containers.MessageMap[str, _struct_pb2.Value]
    optimizer_config: QdrantOptimizerConfig
    params: QdrantCollectionParams
    quantization_config: QdrantQuantizationConfig
    strict_mode_config: QdrantStrictModeConfig
    uuid: str
    wal_config: QdrantWalConfig
    def __init__(self, params: _Optional[_Union[QdrantCollectionParams, _Mapping]] = ..., hnsw_config: _Optional[_Union[QdrantHnswConfig, _Mapping]] = ..., optimizer_config: _Optional[_Union[QdrantOptimizerConfig, _Mapping]] = ..., wal_config: _Optional[_Union[QdrantWalConfig, _Mapping]] = ..., quantization_config: _Optional[_Union[QdrantQuantizationConfig, _Mapping]] = ..., strict_mode_config: _Optional[_Union[QdrantStrictModeConfig, _Mapping]] = ..., uuid: _Optional[str] = ..., metadata: _Optional[_Mapping[str, _struct_pb2.Value]] = ...) -> None: ...

class QdrantCollectionParams(_message.Message):
    __slots__ = ["named_vectors", "on_disk_payload", "payload", "read_fan_out_delay_ms", "read_fan_out_factor", "replication_factor", "shard_number", "sharding_method", "sparse_vectors", "vector", "write_consistency_factor"]
    class NamedVectorsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: QdrantVectorParams
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[QdrantVectorParams, _Mapping]] = ...) -> None: ...
    class SparseVectorsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: QdrantSparseVectorParams
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[QdrantSparseVectorParams, _Mapping]] = ...) -> None: ...
    NAMED_VECTORS_FIELD_NUMBER: _ClassVar[int]
    ON_DISK_PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    READ_FAN_OUT_DELAY_MS_FIELD_NUMBER: _ClassVar[int]
    READ_FAN_OUT_FACTOR_FIELD_NUMBER: _ClassVar[int]
    REPLICATION_FACTOR_FIELD_NUMBER: _ClassVar[int]
    SHARDING_METHOD_FIELD_NUMBER: _ClassVar[int]
    SHARD_NUMBER_FIELD_NUMBER: _ClassVar[int]
    SPARSE_VECTORS_FIELD_NUMBER: _ClassVar[int]
    VECTOR_FIELD_NUMBER: _ClassVar[int]
    WRITE_CONSISTENCY_FACTOR_FIELD_NUMBER: _ClassVar[int]
    named_vectors: _containers.MessageMap[str, QdrantVectorParams]
    on_disk_payload: bool
    payload: QdrantPayloadStorageParams
    read_fan_out_delay_ms: int
    read_fan_out_factor: int
    replication_factor: int
    shard_number: int
    sharding_method: str
    sparse_vectors: _containers.MessageMap[str, QdrantSparseVectorParams]
    vector: QdrantVectorParams
    write_consistency_factor: int
    def __init__(self, shard_number: _Optional[int] = ..., sharding_method: _Optional[str] = ..., replication_factor: _Optional[int] = ..., write_consistency_factor: _Optional[int] = ..., read_fan_out_factor: _Optional[int] = ..., read_fan_out_delay_ms: _Optional[int] = ..., on_disk_payload: bool = ..., payload: _Optional[_Union[QdrantPayloadStorageParams, _Mapping]] = ..., sparse_vectors: _Optional[_Mapping[str, QdrantSparseVectorParams]] = ..., vector: _Optional[_Union[QdrantVectorParams, _Mapping]] = ..., named_vectors: _Optional[_Mapping[str, QdrantVectorParams]] = ...) -> None: ...

class QdrantCollectionSnapshots(_message.Message):
    __slots__ = ["id", "running_snapshot_recovery", "running_snapshots", "total_snapshot_creations"]
    ID_FIELD_NUMBER: _ClassVar[int]
    RUNNING_SNAPSHOTS_FIELD_NUMBER: _ClassVar[int]
    RUNNING_SNAPSHOT_RECOVERY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SNAPSHOT_CREATIONS_FIELD_NUMBER: _ClassVar[int]
    id: str
    running_snapshot_recovery: int
    running_snapshots: int
    total_snapshot_creations: int
    def __init__(self, id: _Optional[str] = ..., running_snapshots: _Optional[int] = ..., running_snapshot_recovery: _Optional[int] = ..., total_snapshot_creations: _Optional[int] = ...) -> None: ...

class QdrantCollections(_message.Message):
    __slots__ = ["collections", "max_collections", "number_of_collections", "snapshots"]
    COLLECTIONS_FIELD_NUMBER: _ClassVar[int]
    MAX_COLLECTIONS_FIELD_NUMBER: _ClassVar[int]
    NUMBER_OF_COLLECTIONS_FIELD_NUMBER: _ClassVar[int]
    SNAPSHOTS_FIELD_NUMBER: _ClassVar[int]
    collections: _containers.RepeatedCompositeFieldContainer[QdrantCollection]
    max_collections: int
    number_of_collections: int
    snapshots: _containers.RepeatedCompositeFieldContainer[QdrantCollectionSnapshots]
    def __init__(self, number_of_collections: _Optional[int] = ..., max_collections: _Optional[int] = ..., collections: _Optional[_Iterable[_Union[QdrantCollection, _Mapping]]] = ..., snapshots: _Optional[_Iterable[_Union[QdrantCollectionSnapshots, _Mapping]]] = ...) -> None: ...

class QdrantConsensusConfig(_message.Message):
    __slots__ = ["bootstrap_timeout_sec", "max_message_queue_size", "tick_period_ms"]
    BOOTSTRAP_TIMEOUT_SEC_FIELD_NUMBER: _ClassVar[int]
    MAX_MESSAGE_QUEUE_SIZE_FIELD_NUMBER: _ClassVar[int]
    TICK_PERIOD_MS_FIELD_NUMBER: _ClassVar[int]
    bootstrap_timeout_sec: int
    max_message_queue_size: int
    tick_period_ms: int
    def __init__(self, max_message_queue_size: _Optional[int] = ..., tick_period_ms: _Optional[int] = ..., bootstrap_timeout_sec: _Optional[int] = ...) -> None: ...

class QdrantConsensusThreadStatus(_message.Message):
    __slots__ = ["consensus_thread_status", "err", "last_update"]
    CONSENSUS_THREAD_STATUS_FIELD_NUMBER: _ClassVar[int]
    ERR_FIELD_NUMBER: _ClassVar[int]
    LAST_UPDATE_FIELD_NUMBER: _ClassVar[int]
    consensus_thread_status: str
    err: str
    last_update: _timestamp_pb2.Timestamp
    def __init__(self, consensus_thread_status: _Optional[str] = ..., last_update: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., err: _Optional[str] = ...) -> None: ...

class QdrantCrashReport(_message.Message):
    __slots__ = ["backtrace", "error", "id"]
    BACKTRACE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    backtrace: str
    error: str
    id: str
    def __init__(self, id: _Optional[str] = ..., error: _Optional[str] = ..., backtrace: _Optional[str] = ...) -> None: ...

class QdrantFeatures(_message.Message):
    __slots__ = ["debug", "gpu", "recovery_mode", "rocksdb", "service_debug_feature", "staging"]
    DEBUG_FIELD_NUMBER: _ClassVar[int]
    GPU_FIELD_NUMBER: _ClassVar[int]
    RECOVERY_MODE_FIELD_NUMBER: _ClassVar[int]
    ROCKSDB_FIELD_NUMBER: _ClassVar[int]
    SERVICE_DEBUG_FEATURE_FIELD_NUMBER: _ClassVar[int]
    STAGING_FIELD_NUMBER: _ClassVar[int]
    debug: bool
    gpu: bool
    recovery_mode: bool
    rocksdb: bool
    service_debug_feature: bool
    staging: bool
    def __init__(self, debug: bool = ..., service_debug_feature: bool = ..., recovery_mode: bool = ..., gpu: bool = ..., rocksdb: bool = ..., staging: bool = ...) -> None: ...

class QdrantGpuDevice(_message.Message):
    __slots__ = ["name"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class QdrantGrpcRequests(_message.Message):
    __slots__ = ["responses"]
    class ResponsesEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: QdrantStatusResponses
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[QdrantStatusResponses, _Mapping]] = ...) -> None: ...
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.MessageMap[str, QdrantStatusResponses]
    def __init__(self, responses: _Optional[_Mapping[str, QdrantStatusResponses]] = ...) -> None: ...

class QdrantHardware(_message.Message):
    __slots__ = ["collection_data"]
    class CollectionDataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: QdrantHardwareUsage
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[QdrantHardwareUsage, _Mapping]] = ...) -> None: ...
    COLLECTION_DATA_FIELD_NUMBER: _ClassVar[int]
    collection_data: _containers.MessageMap[str, QdrantHardwareUsage]
    def __init__(self, collection_data: _Optional[_Mapping[str, QdrantHardwareUsage]] = ...) -> None: ...

class QdrantHardwareUsage(_message.Message):
    __slots__ = ["cpu", "payload_index_io_read", "payload_index_io_write", "payload_io_read", "payload_io_write", "vector_io_read", "vector_io_write"]
    CPU_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_INDEX_IO_READ_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_INDEX_IO_WRITE_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_IO_READ_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_IO_WRITE_FIELD_NUMBER: _ClassVar[int]
    VECTOR_IO_READ_FIELD_NUMBER: _ClassVar[int]
    VECTOR_IO_WRITE_FIELD_NUMBER: _ClassVar[int]
    cpu: int
    payload_index_io_read: int
    payload_index_io_write: int
    payload_io_read: int
    payload_io_write: int
    vector_io_read: int
    vector_io_write: int
    def __init__(self, cpu: _Optional[int] = ..., payload_io_read: _Optional[int] = ..., payload_io_write: _Optional[int] = ..., payload_index_io_read: _Optional[int] = ..., payload_index_io_write: _Optional[int] = ..., vector_io_read: _Optional[int] = ..., vector_io_write: _Optional[int] = ...) -> None: ...

class QdrantHnswConfig(_message.Message):
    __slots__ = ["ef_construct", "full_scan_threshold", "inline_storage", "m", "max_indexing_threads", "memory", "on_disk", "payload_m"]
    EF_CONSTRUCT_FIELD_NUMBER: _ClassVar[int]
    FULL_SCAN_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    INLINE_STORAGE_FIELD_NUMBER: _ClassVar[int]
    MAX_INDEXING_THREADS_FIELD_NUMBER: _ClassVar[int]
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    M_FIELD_NUMBER: _ClassVar[int]
    ON_DISK_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_M_FIELD_NUMBER: _ClassVar[int]
    ef_construct: int
    full_scan_threshold: int
    inline_storage: bool
    m: int
    max_indexing_threads: int
    memory: str
    on_disk: bool
    payload_m: int
    def __init__(self, m: _Optional[int] = ..., ef_construct: _Optional[int] = ..., full_scan_threshold: _Optional[int] = ..., max_indexing_threads: _Optional[int] = ..., on_disk: bool = ..., payload_m: _Optional[int] = ..., inline_storage: bool = ..., memory: _Optional[str] = ...) -> None: ...

class QdrantHnswGlobalConfig(_message.Message):
    __slots__ = ["healing_threshold"]
    HEALING_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    healing_threshold: float
    def __init__(self, healing_threshold: _Optional[float] = ...) -> None: ...

class QdrantMemory(_message.Message):
    __slots__ = ["active_bytes", "allocated_bytes", "metadata_bytes", "resident_bytes", "retained_bytes"]
    ACTIVE_BYTES_FIELD_NUMBER: _ClassVar[int]
    ALLOCATED_BYTES_FIELD_NUMBER: _ClassVar[int]
    METADATA_BYTES_FIELD_NUMBER: _ClassVar[int]
    RESIDENT_BYTES_FIELD_NUMBER: _ClassVar[int]
    RETAINED_BYTES_FIELD_NUMBER: _ClassVar[int]
    active_bytes: int
    allocated_bytes: int
    metadata_bytes: int
    resident_bytes: int
    retained_bytes: int
    def __init__(self, active_bytes: _Optional[int] = ..., allocated_bytes: _Optional[int] = ..., metadata_bytes: _Optional[int] = ..., resident_bytes: _Optional[int] = ..., retained_bytes: _Optional[int] = ...) -> None: ...

class QdrantOperationStatistics(_message.Message):
    __slots__ = ["avg_duration_micros", "count", "fail_count", "last_responded", "max_duration_micros", "min_duration_micros", "total_duration_micros"]
    AVG_DURATION_MICROS_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    FAIL_COUNT_FIELD_NUMBER: _ClassVar[int]
    LAST_RESPONDED_FIELD_NUMBER: _ClassVar[int]
    MAX_DURATION_MICROS_FIELD_NUMBER: _ClassVar[int]
    MIN_DURATION_MICROS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_DURATION_MICROS_FIELD_NUMBER: _ClassVar[int]
    avg_duration_micros: float
    count: int
    fail_count: int
    last_responded: _timestamp_pb2.Timestamp
    max_duration_micros: float
    min_duration_micros: float
    total_duration_micros: int
    def __init__(self, count: _Optional[int] = ..., fail_count: _Optional[int] = ..., avg_duration_micros: _Optional[float] = ..., min_duration_micros: _Optional[float] = ..., max_duration_micros: _Optional[float] = ..., total_duration_micros: _Optional[int] = ..., last_responded: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class QdrantOptimizerConfig(_message.Message):
    __slots__ = ["default_segment_number", "deleted_threshold", "flush_interval_sec", "indexing_threshold", "max_optimization_threads", "max_segment_size", "memmap_threshold", "prevent_unoptimized", "vacuum_min_vector_number"]
    DEFAULT_SEGMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DELETED_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    FLUSH_INTERVAL_SEC_FIELD_NUMBER: _ClassVar[int]
    INDEXING_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    MAX_OPTIMIZATION_THREADS_FIELD_NUMBER: _ClassVar[int]
    MAX_SEGMENT_SIZE_FIELD_NUMBER: _ClassVar[int]
    MEMMAP_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    PREVENT_UNOPTIMIZED_FIELD_NUMBER: _ClassVar[int]
    VACUUM_MIN_VECTOR_NUMBER_FIELD_NUMBER: _ClassVar[int]
    default_segment_number: int
    deleted_threshold: float
    flush_interval_sec: int
    indexing_threshold: int
    max_optimization_threads: int
    max_segment_size: int
    memmap_threshold: int
    prevent_unoptimized: bool
    vacuum_min_vector_number: int
    def __init__(self, deleted_threshold: _Optional[float] = ..., vacuum_min_vector_number: _Optional[int] = ..., default_segment_number: _Optional[int] = ..., max_segment_size: _Optional[int] = ..., memmap_threshold: _Optional[int] = ..., indexing_threshold: _Optional[int] = ..., flush_interval_sec: _Optional[int] = ..., max_optimization_threads: _Optional[int] = ..., prevent_unoptimized: bool = ...) -> None: ...

class QdrantP2pConfig(_message.Message):
    __slots__ = ["connection_pool_size"]
    CONNECTION_POOL_SIZE_FIELD_NUMBER: _ClassVar[int]
    connection_pool_size: int
    def __init__(self, connection_pool_size: _Optional[int] = ...) -> None: ...

class QdrantPayloadStorageParams(_message.Message):
    __slots__ = ["memory"]
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    memory: str
    def __init__(self, memory: _Optional[str] = ...) -> None: ...

class QdrantPeerInfo(_message.Message):
    __slots__ = ["uri"]
    URI_FIELD_NUMBER: _ClassVar[int]
    uri: str
    def __init__(self, uri: _Optional[str] = ...) -> None: ...

class QdrantPeerMetadata(_message.Message):
    __slots__ = ["version"]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    version: str
    def __init__(self, version: _Optional[str] = ...) -> None: ...

class QdrantProductQuantization(_message.Message):
    __slots__ = ["always_ram", "compression"]
    ALWAYS_RAM_FIELD_NUMBER: _ClassVar[int]
    COMPRESSION_FIELD_NUMBER: _ClassVar[int]
    always_ram: bool
    compression: str
    def __init__(self, compression: _Optional[str] = ..., always_ram: bool = ...) -> None: ...

class QdrantQuantizationConfig(_message.Message):
    __slots__ = ["binary", "product", "scalar"]
    BINARY_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_FIELD_NUMBER: _ClassVar[int]
    SCALAR_FIELD_NUMBER: _ClassVar[int]
    binary: QdrantBinaryQuantization
    product: QdrantProductQuantization
    scalar: QdrantScalarQuantization
    def __init__(self, scalar: _Optional[_Union[QdrantScalarQuantization, _Mapping]] = ..., product: _Optional[_Union[QdrantProductQuantization, _Mapping]] = ..., binary: _Optional[_Union[QdrantBinaryQuantization, _Mapping]] = ...) -> None: ...

class QdrantQuota(_message.Message):
    __slots__ = ["config", "exceeded"]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    EXCEEDED_FIELD_NUMBER: _ClassVar[int]
    config: QdrantQuotaConfig
    exceeded: QdrantQuotaExceeded
    def __init__(self, config: _Optional[_Union[QdrantQuotaConfig, _Mapping]] = ..., exceeded: _Optional[_Union[QdrantQuotaExceeded, _Mapping]] = ...) -> None: ...

class QdrantQuotaConfig(_message.Message):
    __slots__ = ["enabled", "max_disk_usage_percent", "max_resident_memory_percent"]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    MAX_DISK_USAGE_PERCENT_FIELD_NUMBER: _ClassVar[int]
    MAX_RESIDENT_MEMORY_PERCENT_FIELD_NUMBER: _ClassVar[int]
    enabled: bool
    max_disk_usage_percent: int
    max_resident_memory_percent: int
    def __init__(self, enabled: bool = ..., max_resident_memory_percent: _Optional[int] = ..., max_disk_usage_percent: _Optional[int] = ...) -> None: ...

class QdrantQuotaExceeded(_message.Message):
    __slots__ = ["disk_usage", "resident_memory"]
    DISK_USAGE_FIELD_NUMBER: _ClassVar[int]
    RESIDENT_MEMORY_FIELD_NUMBER: _ClassVar[int]
    disk_usage: bool
    resident_memory: bool
    def __init__(self, resident_memory: bool = ..., disk_usage: bool = ...) -> None: ...

class QdrantReport(_message.Message):
    __slots__ = ["app", "cluster", "collections", "crash_reports", "hardware", "id", "memory", "quota", "requests", "search_pool"]
    APP_FIELD_NUMBER: _ClassVar[int]
    CLUSTER_FIELD_NUMBER: _ClassVar[int]
    COLLECTIONS_FIELD_NUMBER: _ClassVar[int]
    CRASH_REPORTS_FIELD_NUMBER: _ClassVar[int]
    HARDWARE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    QUOTA_FIELD_NUMBER: _ClassVar[int]
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    SEARCH_POOL_FIELD_NUMBER: _ClassVar[int]
    app: QdrantApp
    cluster: QdrantCluster
    collections: QdrantCollections
    crash_reports: _containers.RepeatedCompositeFieldContainer[QdrantCrashReport]
    hardware: QdrantHardware
    id: str
    memory: QdrantMemory
    quota: QdrantQuota
    requests: QdrantRequests
    search_pool: QdrantSearchPool
    def __init__(self, id: _Optional[str] = ..., app: _Optional[_Union[QdrantApp, _Mapping]] = ..., collections: _Optional[_Union[QdrantCollections, _Mapping]] = ..., cluster: _Optional[_Union[QdrantCluster, _Mapping]] = ..., requests: _Optional[_Union[QdrantRequests, _Mapping]] = ..., memory: _Optional[_Union[QdrantMemory, _Mapping]] = ..., hardware: _Optional[_Union[QdrantHardware, _Mapping]] = ..., search_pool: _Optional[_Union[QdrantSearchPool, _Mapping]] = ..., quota: _Optional[_Union[QdrantQuota, _Mapping]] = ..., crash_reports: _Optional[_Iterable[_Union[QdrantCrashReport, _Mapping]]] = ...) -> None: ...

class QdrantRequests(_message.Message):
    __slots__ = ["grpc", "rest"]
    GRPC_FIELD_NUMBER: _ClassVar[int]
    REST_FIELD_NUMBER: _ClassVar[int]
    grpc: QdrantGrpcRequests
    rest: QdrantRestRequests
    def __init__(self, rest: _Optional[_Union[QdrantRestRequests, _Mapping]] = ..., grpc: _Optional[_Union[QdrantGrpcRequests, _Mapping]] = ...) -> None: ...

class QdrantRestRequests(_message.Message):
    __slots__ = ["responses"]
    class ResponsesEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: QdrantStatusResponses
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[QdrantStatusResponses, _Mapping]] = ...) -> None: ...
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.MessageMap[str, QdrantStatusResponses]
    def __init__(self, responses: _Optional[_Mapping[str, QdrantStatusResponses]] = ...) -> None: ...

class QdrantScalarQuantization(_message.Message):
    __slots__ = ["always_ram", "quantile", "type"]
    ALWAYS_RAM_FIELD_NUMBER: _ClassVar[int]
    QUANTILE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    always_ram: bool
    quantile: float
    type: str
    def __init__(self, type: _Optional[str] = ..., quantile: _Optional[float] = ..., always_ram: bool = ...) -> None: ...

class QdrantSearchPool(_message.Message):
    __slots__ = ["high_cpu_threads", "high_io_threads", "mode"]
    HIGH_CPU_THREADS_FIELD_NUMBER: _ClassVar[int]
    HIGH_IO_THREADS_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    high_cpu_threads: int
    high_io_threads: int
    mode: str
    def __init__(self, mode: _Optional[str] = ..., high_cpu_threads: _Optional[int] = ..., high_io_threads: _Optional[int] = ...) -> None: ...

class QdrantSparseIndexParams(_message.Message):
    __slots__ = ["datatype", "full_scan_threshold", "on_disk"]
    DATATYPE_FIELD_NUMBER: _ClassVar[int]
    FULL_SCAN_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    ON_DISK_FIELD_NUMBER: _ClassVar[int]
    datatype: str
    full_scan_threshold: int
    on_disk: bool
    def __init__(self, full_scan_threshold: _Optional[int] = ..., on_disk: bool = ..., datatype: _Optional[str] = ...) -> None: ...

class QdrantSparseVectorParams(_message.Message):
    __slots__ = ["index", "modifier"]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    MODIFIER_FIELD_NUMBER: _ClassVar[int]
    index: QdrantSparseIndexParams
    modifier: str
    def __init__(self, index: _Optional[_Union[QdrantSparseIndexParams, _Mapping]] = ..., modifier: _Optional[str] = ...) -> None: ...

class QdrantStatusResponses(_message.Message):
    __slots__ = ["statuses"]
    class StatusesEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: QdrantOperationStatistics
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[QdrantOperationStatistics, _Mapping]] = ...) -> None: ...
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    statuses: _containers.MessageMap[int, QdrantOperationStatistics]
    def __init__(self, statuses: _Optional[_Mapping[int, QdrantOperationStatistics]] = ...) -> None: ...

class QdrantStrictModeConfig(_message.Message):
    __slots__ = ["condition_max_size", "enabled", "filter_max_conditions", "max_collection_payload_size_bytes", "max_collection_vector_size_bytes", "max_payload_index_count", "max_points_count", "max_query_limit", "max_timeout", "multivector_config", "read_rate_limit", "search_allow_exact", "search_max_hnsw_ef", "search_max_oversampling", "sparse_config", "unindexed_filtering_retrieve", "unindexed_filtering_update", "upsert_max_batchsize", "write_rate_limit"]
    class MultivectorConfigEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: QdrantStrictModeMultivector
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[QdrantStrictModeMultivector, _Mapping]] = ...) -> None: ...
    class SparseConfigEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: QdrantStrictModeSparse
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[QdrantStrictModeSparse, _Mapping]] = ...) -> None: ...
    CONDITION_MAX_SIZE_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    FILTER_MAX_CONDITIONS_FIELD_NUMBER: _ClassVar[int]
    MAX_COLLECTION_PAYLOAD_SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    MAX_COLLECTION_VECTOR_SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    MAX_PAYLOAD_INDEX_COUNT_FIELD_NUMBER: _ClassVar[int]
    MAX_POINTS_COUNT_FIELD_NUMBER: _ClassVar[int]
    MAX_QUERY_LIMIT_FIELD_NUMBER: _ClassVar[int]
    MAX_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    MULTIVECTOR_CONFIG_FIELD_NUMBER: _ClassVar[int]
    READ_RATE_LIMIT_FIELD_NUMBER: _ClassVar[int]
    SEARCH_ALLOW_EXACT_FIELD_NUMBER: _ClassVar[int]
    SEARCH_MAX_HNSW_EF_FIELD_NUMBER: _ClassVar[int]
    SEARCH_MAX_OVERSAMPLING_FIELD_NUMBER: _ClassVar[int]
    SPARSE_CONFIG_FIELD_NUMBER: _ClassVar[int]
    UNINDEXED_FILTERING_RETRIEVE_FIELD_NUMBER: _ClassVar[int]
    UNINDEXED_FILTERING_UPDATE_FIELD_NUMBER: _ClassVar[int]
    UPSERT_MAX_BATCHSIZE_FIELD_NUMBER: _ClassVar[int]
    WRITE_RATE_LIMIT_FIELD_NUMBER: _ClassVar[int]
    condition_max_size: int
    enabled: bool
    filter_max_conditions: int
    max_collection_payload_size_bytes: int
    max_collection_vector_size_bytes: int
    max_payload_index_count: int
    max_points_count: int
    max_query_limit: int
    max_timeout: int
    multivector_config: _containers.MessageMap[str, QdrantStrictModeMultivector]
    read_rate_limit: int
    search_allow_exact: bool
    search_max_hnsw_ef: int
    search_max_oversampling: float
    sparse_config: _containers.MessageMap[str, QdrantStrictModeSparse]
    unindexed_filtering_retrieve: bool
    unindexed_filtering_update: bool
    upsert_max_batchsize: int
    write_rate_limit: int
    def __init__(self, enabled: bool = ..., max_query_limit: _Optional[int] = ..., max_timeout: _Optional[int] = ..., unindexed_filtering_retrieve: bool = ..., unindexed_filtering_update: bool = ..., search_max_hnsw_ef: _Optional[int] = ..., search_allow_exact: bool = ..., search_max_oversampling: _Optional[float] = ..., upsert_max_batchsize: _Optional[int] = ..., max_collection_vector_size_bytes: _Optional[int] = ..., read_rate_limit: _Optional[int] = ..., write_rate_limit: _Optional[int] = ..., max_collection_payload_size_bytes: _Optional[int] = ..., max_points_count: _Optional[int] = ..., filter_max_conditions: _Optional[int] = ..., condition_max_size: _Optional[int] = ..., multivector_config: _Optional[_Mapping[str, QdrantStrictModeMultivector]] = ..., sparse_config: _Optional[_Mapping[str, QdrantStrictModeSparse]] = ..., max_payload_index_count: _Optional[int] = ...) -> None: ...

class QdrantStrictModeMultivector(_message.Message):
    __slots__ = ["max_vectors"]
    MAX_VECTORS_FIELD_NUMBER: _ClassVar[int]
    max_vectors: int
    def __init__(self, max_vectors: _Optional[int] = ...) -> None: ...

class QdrantStrictModeSparse(_message.Message):
    __slots__ = ["max_length"]
    MAX_LENGTH_FIELD_NUMBER: _ClassVar[int]
    max_length: int
    def __init__(self, max_length: _Optional[int] = ...) -> None: ...

class QdrantSystem(_message.Message):
    __slots__ = ["cores", "cpu_cores_used", "cpu_endian", "cpu_flags", "disk_size", "disk_type", "distribution", "distribution_version", "gpu_devices", "is_docker", "ram_size"]
    CORES_FIELD_NUMBER: _ClassVar[int]
    CPU_CORES_USED_FIELD_NUMBER: _ClassVar[int]
    CPU_ENDIAN_FIELD_NUMBER: _ClassVar[int]
    CPU_FLAGS_FIELD_NUMBER: _ClassVar[int]
    DISK_SIZE_FIELD_NUMBER: _ClassVar[int]
    DISK_TYPE_FIELD_NUMBER: _ClassVar[int]
    DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    DISTRIBUTION_VERSION_FIELD_NUMBER: _ClassVar[int]
    GPU_DEVICES_FIELD_NUMBER: _ClassVar[int]
    IS_DOCKER_FIELD_NUMBER: _ClassVar[int]
    RAM_SIZE_FIELD_NUMBER: _ClassVar[int]
    cores: int
    cpu_cores_used: float
    cpu_endian: str
    cpu_flags: str
    disk_size: int
    disk_type: str
    distribution: str
    distribution_version: str
    gpu_devices: _containers.RepeatedCompositeFieldContainer[QdrantGpuDevice]
    is_docker: bool
    ram_size: int
    def __init__(self, distribution: _Optional[str] = ..., distribution_version: _Optional[str] = ..., is_docker: bool = ..., cores: _Optional[int] = ..., cpu_cores_used: _Optional[float] = ..., ram_size: _Optional[int] = ..., disk_size: _Optional[int] = ..., cpu_flags: _Optional[str] = ..., cpu_endian: _Optional[str] = ..., gpu_devices: _Optional[_Iterable[_Union[QdrantGpuDevice, _Mapping]]] = ..., disk_type: _Optional[str] = ...) -> None: ...

class QdrantVectorParams(_message.Message):
    __slots__ = ["datatype", "distance", "hnsw_config", "memory", "multivector_comparator", "on_disk", "quantization_config", "size"]
    DATATYPE_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_FIELD_NUMBER: _ClassVar[int]
    HNSW_CONFIG_FIELD_NUMBER: _ClassVar[int]
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    MULTIVECTOR_COMPARATOR_FIELD_NUMBER: _ClassVar[int]
    ON_DISK_FIELD_NUMBER: _ClassVar[int]
    QUANTIZATION_CONFIG_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    datatype: str
    distance: str
    hnsw_config: QdrantHnswConfig
    memory: str
    multivector_comparator: str
    on_disk: bool
    quantization_config: QdrantQuantizationConfig
    size: int
    def __init__(self, size: _Optional[int] = ..., distance: _Optional[str] = ..., hnsw_config: _Optional[_Union[QdrantHnswConfig, _Mapping]] = ..., quantization_config: _Optional[_Union[QdrantQuantizationConfig, _Mapping]] = ..., on_disk: bool = ..., memory: _Optional[str] = ..., datatype: _Optional[str] = ..., multivector_comparator: _Optional[str] = ...) -> None: ...

class QdrantWalConfig(_message.Message):
    __slots__ = ["wal_capacity_mb", "wal_retain_closed", "wal_segments_ahead"]
    WAL_CAPACITY_MB_FIELD_NUMBER: _ClassVar[int]
    WAL_RETAIN_CLOSED_FIELD_NUMBER: _ClassVar[int]
    WAL_SEGMENTS_AHEAD_FIELD_NUMBER: _ClassVar[int]
    wal_capacity_mb: int
    wal_retain_closed: int
    wal_segments_ahead: int
    def __init__(self, wal_capacity_mb: _Optional[int] = ..., wal_segments_ahead: _Optional[int] = ..., wal_retain_closed: _Optional[int] = ...) -> None: ...
