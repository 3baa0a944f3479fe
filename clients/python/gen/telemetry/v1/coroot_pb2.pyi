from telemetry.v1 import crash_report_pb2 as _crash_report_pb2
from telemetry.v1 import privacy_pb2 as _privacy_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CorootApplicationsByKind(_message.Message):
    __slots__ = ["applications", "instances"]
    APPLICATIONS_FIELD_NUMBER: _ClassVar[int]
    INSTANCES_FIELD_NUMBER: _ClassVar[int]
    applications: int
    instances: int
    def __init__(self, applications: _Optional[int] = ..., instances: _Optional[int] = ...) -> None: ...

class CorootAuditor(_message.Message):
    __slots__ = ["stages"]
    class StagesEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    STAGES_FIELD_NUMBER: _ClassVar[int]
    stages: _containers.ScalarMap[str, float]
    def __init__(self, stages: _Optional[_Mapping[str, float]] = ...) -> None: ...

class CorootComponent(_message.Message):
    __slots__ = ["id", "instances"]
    ID_FIELD_NUMBER: _ClassVar[int]
    INSTANCES_FIELD_NUMBER: _ClassVar[int]
    id: str
    instances: _containers.RepeatedCompositeFieldContainer[CorootComponentInstance]
    def __init__(self, id: _Optional[str] = ..., instances: _Optional[_Iterable[_Union[CorootComponentInstance, _Mapping]]] = ...) -> None: ...

class CorootComponentInstance(_message.Message):
    __slots__ = ["containers", "volumes"]
    class ContainersEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: CorootContainerUsage
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[CorootContainerUsage, _Mapping]] = ...) -> None: ...
    CONTAINERS_FIELD_NUMBER: _ClassVar[int]
    VOLUMES_FIELD_NUMBER: _ClassVar[int]
    containers: _containers.MessageMap[str, CorootContainerUsage]
    volumes: _containers.RepeatedCompositeFieldContainer[CorootVolumeUsage]
    def __init__(self, containers: _Optional[_Mapping[str, CorootContainerUsage]] = ..., volumes: _Optional[_Iterable[_Union[CorootVolumeUsage, _Mapping]]] = ...) -> None: ...

class CorootConstructor(_message.Message):
    __slots__ = ["queries", "stages"]
    class QueriesEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: CorootQueryStatistics
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[CorootQueryStatistics, _Mapping]] = ...) -> None: ...
    class StagesEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    QUERIES_FIELD_NUMBER: _ClassVar[int]
    STAGES_FIELD_NUMBER: _ClassVar[int]
    queries: _containers.MessageMap[str, CorootQueryStatistics]
    stages: _containers.ScalarMap[str, float]
    def __init__(self, stages: _Optional[_Mapping[str, float]] = ..., queries: _Optional[_Mapping[str, CorootQueryStatistics]] = ...) -> None: ...

class CorootContainerUsage(_message.Message):
    __slots__ = ["cpu_delay", "cpu_limit", "cpu_throttling", "cpu_total", "cpu_usage", "memory_limit", "memory_ooms", "memory_total", "memory_usage", "restarts"]
    CPU_DELAY_FIELD_NUMBER: _ClassVar[int]
    CPU_LIMIT_FIELD_NUMBER: _ClassVar[int]
    CPU_THROTTLING_FIELD_NUMBER: _ClassVar[int]
    CPU_TOTAL_FIELD_NUMBER: _ClassVar[int]
    CPU_USAGE_FIELD_NUMBER: _ClassVar[int]
    MEMORY_LIMIT_FIELD_NUMBER: _ClassVar[int]
    MEMORY_OOMS_FIELD_NUMBER: _ClassVar[int]
    MEMORY_TOTAL_FIELD_NUMBER: _ClassVar[int]
    MEMORY_USAGE_FIELD_NUMBER: _ClassVar[int]
    RESTARTS_FIELD_NUMBER: _ClassVar[int]
    cpu_delay: float
    cpu_limit: float
    cpu_throttling: float
    cpu_total: float
    cpu_usage: float
    memory_limit: float
    memory_ooms: float
    memory_total: float
    memory_usage: float
    restarts: float
    def __init__(self, cpu_total: _Optional[float] = ..., cpu_usage: _Optional[float] = ..., cpu_limit: _Optional[float] = ..., cpu_delay: _Optional[float] = ..., cpu_throttling: _Optional[float] = ..., memory_total: _Optional[float] = ..., memory_usage: _Optional[float] = ..., memory_limit: _Optional[float] = ..., memory_ooms: _Optional[float] = ..., restarts: _Optional[float] = ...) -> None: ...

class CorootDestinationCardinality(_message.Message):
    __slots__ = ["external_total", "external_unique", "fqdn_total", "fqdn_unique", "loopback_total", "private_total", "private_unique", "unique"]
    EXTERNAL_TOTAL_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_UNIQUE_FIELD_NUMBER: _ClassVar[int]
    FQDN_TOTAL_FIELD_NUMBER: _ClassVar[int]
    FQDN_UNIQUE_FIELD_NUMBER: _ClassVar[int]
    LOOPBACK_TOTAL_FIELD_NUMBER: _ClassVar[int]
    PRIVATE_TOTAL_FIELD_NUMBER: _ClassVar[int]
    PRIVATE_UNIQUE_FIELD_NUMBER: _ClassVar[int]
    UNIQUE_FIELD_NUMBER: _ClassVar[int]
    external_total: int
    external_unique: int
    fqdn_total: int
    fqdn_unique: int
    loopback_total: int
    private_total: int
    private_unique: int
    unique: int
    def __init__(self, unique: _Optional[int] = ..., external_total: _Optional[int] = ..., external_unique: _Optional[int] = ..., private_total: _Optional[int] = ..., private_unique: _Optional[int] = ..., fqdn_total: _Optional[int] = ..., fqdn_unique: _Optional[int] = ..., loopback_total: _Optional[int] = ...) -> None: ...

class CorootInfra(_message.Message):
    __slots__ = ["applications", "applications_by_kind", "cpu_cores", "deployment_summaries", "deployments", "gpus", "instances", "kernel_versions", "nodes", "projects"]
    class ApplicationsByKindEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: CorootApplicationsByKind
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[CorootApplicationsByKind, _Mapping]] = ...) -> None: ...
    class DeploymentSummariesEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    APPLICATIONS_BY_KIND_FIELD_NUMBER: _ClassVar[int]
    APPLICATIONS_FIELD_NUMBER: _ClassVar[int]
    CPU_CORES_FIELD_NUMBER: _ClassVar[int]
    DEPLOYMENTS_FIELD_NUMBER: _ClassVar[int]
    DEPLOYMENT_SUMMARIES_FIELD_NUMBER: _ClassVar[int]
    GPUS_FIELD_NUMBER: _ClassVar[int]
    INSTANCES_FIELD_NUMBER: _ClassVar[int]
    KERNEL_VERSIONS_FIELD_NUMBER: _ClassVar[int]
    NODES_FIELD_NUMBER: _ClassVar[int]
    PROJECTS_FIELD_NUMBER: _ClassVar[int]
    applications: int
    applications_by_kind: _containers.MessageMap[str, CorootApplicationsByKind]
    cpu_cores: int
    deployment_summaries: _containers.ScalarMap[str, int]
    deployments: int
    gpus: int
    instances: int
    kernel_versions: _containers.RepeatedScalarFieldContainer[str]
    nodes: int
    projects: int
    def __init__(self, projects: _Optional[int] = ..., applications: _Optional[int] = ..., nodes: _Optional[int] = ..., cpu_cores: _Optional[int] = ..., gpus: _Optional[int] = ..., instances: _Optional[int] = ..., deployments: _Optional[int] = ..., applications_by_kind: _Optional[_Mapping[str, CorootApplicationsByKind]] = ..., deployment_summaries: _Optional[_Mapping[str, int]] = ..., kernel_versions: _Optional[_Iterable[str]] = ...) -> None: ...

class CorootInspectionOverride(_message.Message):
    __slots__ = ["application_level", "project_level"]
    APPLICATION_LEVEL_FIELD_NUMBER: _ClassVar[int]
    PROJECT_LEVEL_FIELD_NUMBER: _ClassVar[int]
    application_level: int
    project_level: int
    def __init__(self, project_level: _Optional[int] = ..., application_level: _Optional[int] = ...) -> None: ...

class CorootInstance(_message.Message):
    __slots__ = ["database_type", "edition", "installation_type", "uuid", "version"]
    DATABASE_TYPE_FIELD_NUMBER: _ClassVar[int]
    EDITION_FIELD_NUMBER: _ClassVar[int]
    INSTALLATION_TYPE_FIELD_NUMBER: _ClassVar[int]
    UUID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    database_type: str
    edition: str
    installation_type: str
    uuid: str
    version: str
    def __init__(self, uuid: _Optional[str] = ..., version: _Optional[str] = ..., database_type: _Optional[str] = ..., edition: _Optional[str] = ..., installation_type: _Optional[str] = ...) -> None: ...

class CorootIntegration(_message.Message):
    __slots__ = ["alerting_integrations", "application_categories", "argocd", "clickhouse", "cloud_costs", "fluxcd", "inspection_overrides", "java_async_profiler", "kube_state_metrics", "logs", "node_agent", "node_agent_versions", "profiles", "prometheus", "prometheus_refresh_interval", "tracing"]
    class InspectionOverridesEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: CorootInspectionOverride
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[CorootInspectionOverride, _Mapping]] = ...) -> None: ...
    ALERTING_INTEGRATIONS_FIELD_NUMBER: _ClassVar[int]
    APPLICATION_CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    ARGOCD_FIELD_NUMBER: _ClassVar[int]
    CLICKHOUSE_FIELD_NUMBER: _ClassVar[int]
    CLOUD_COSTS_FIELD_NUMBER: _ClassVar[int]
    FLUXCD_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_OVERRIDES_FIELD_NUMBER: _ClassVar[int]
    JAVA_ASYNC_PROFILER_FIELD_NUMBER: _ClassVar[int]
    KUBE_STATE_METRICS_FIELD_NUMBER: _ClassVar[int]
    LOGS_FIELD_NUMBER: _ClassVar[int]
    NODE_AGENT_FIELD_NUMBER: _ClassVar[int]
    NODE_AGENT_VERSIONS_FIELD_NUMBER: _ClassVar[int]
    PROFILES_FIELD_NUMBER: _ClassVar[int]
    PROMETHEUS_FIELD_NUMBER: _ClassVar[int]
    PROMETHEUS_REFRESH_INTERVAL_FIELD_NUMBER: _ClassVar[int]
    TRACING_FIELD_NUMBER: _ClassVar[int]
    alerting_integrations: _containers.RepeatedScalarFieldContainer[str]
    application_categories: int
    argocd: bool
    clickhouse: bool
    cloud_costs: bool
    fluxcd: bool
    inspection_overrides: _containers.MessageMap[str, CorootInspectionOverride]
    java_async_profiler: bool
    kube_state_metrics: bool
    logs: bool
    node_agent: bool
    node_agent_versions: _containers.RepeatedScalarFieldContainer[str]
    profiles: bool
    prometheus: bool
    prometheus_refresh_interval: int
    tracing: bool
    def __init__(self, prometheus: bool = ..., prometheus_refresh_interval: _Optional[int] = ..., node_agent: bool = ..., node_agent_versions: _Optional[_Iterable[str]] = ..., kube_state_metrics: bool = ..., inspection_overrides: _Optional[_Mapping[str, CorootInspectionOverride]] = ..., application_categories: _Optional[int] = ..., alerting_integrations: _Optional[_Iterable[str]] = ..., cloud_costs: bool = ..., clickhouse: bool = ..., tracing: bool = ..., logs: bool = ..., profiles: bool = ..., java_async_profiler: bool = ..., fluxcd: bool = ..., argocd: bool = ...) -> None: ...

class CorootPerformance(_message.Message):
    __slots__ = ["auditor", "components", "constructor", "cpu_usage", "memory_usage"]
    AUDITOR_FIELD_NUMBER: _ClassVar[int]
    COMPONENTS_FIELD_NUMBER: _ClassVar[int]
    CONSTRUCTOR_FIELD_NUMBER: _ClassVar[int]
    CPU_USAGE_FIELD_NUMBER: _ClassVar[int]
    MEMORY_USAGE_FIELD_NUMBER: _ClassVar[int]
    auditor: CorootAuditor
    components: _containers.RepeatedCompositeFieldContainer[CorootComponent]
    constructor: CorootConstructor
    cpu_usage: _containers.RepeatedScalarFieldContainer[float]
    memory_usage: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, constructor: _Optional[_Union[CorootConstructor, _Mapping]] = ..., auditor: _Optional[_Union[CorootAuditor, _Mapping]] = ..., components: _Optional[_Iterable[_Union[CorootComponent, _Mapping]]] = ..., cpu_usage: _Optional[_Iterable[float]] = ..., memory_usage: _Optional[_Iterable[float]] = ...) -> None: ...

class CorootProfile(_message.Message):
    __slots__ = ["cpu", "memory", "to"]
    CPU_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    MEMORY_FIELD_NUMBER: _ClassVar[int]
    TO_FIELD_NUMBER: _ClassVar[int]
    cpu: bytes
    memory: bytes
    to: int
    def __init__(self, to: _Optional[int] = ..., cpu: _Optional[bytes] = ..., memory: _Optional[bytes] = ..., **kwargs) -> None: ...

class CorootQueryCardinality(_message.Message):
    __slots__ = ["actual_destination", "container_id", "destination"]
    ACTUAL_DESTINATION_FIELD_NUMBER: _ClassVar[int]
    CONTAINER_ID_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_FIELD_NUMBER: _ClassVar[int]
    actual_destination: CorootDestinationCardinality
    container_id: int
    destination: CorootDestinationCardinality
    def __init__(self, container_id: _Optional[int] = ..., destination: _Optional[_Union[CorootDestinationCardinality, _Mapping]] = ..., actual_destination: _Optional[_Union[CorootDestinationCardinality, _Mapping]] = ...) -> None: ...

class CorootQueryStatistics(_message.Message):
    __slots__ = ["cardinality", "failed", "metrics_count", "query_time"]
    CARDINALITY_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    METRICS_COUNT_FIELD_NUMBER: _ClassVar[int]
    QUERY_TIME_FIELD_NUMBER: _ClassVar[int]
    cardinality: CorootQueryCardinality
    failed: bool
    metrics_count: int
    query_time: float
    def __init__(self, failed: bool = ..., query_time: _Optional[float] = ..., metrics_count: _Optional[int] = ..., cardinality: _Optional[_Union[CorootQueryCardinality, _Mapping]] = ...) -> None: ...

class CorootReport(_message.Message):
    __slots__ = ["crash", "infra", "instance", "integration", "performance", "profile", "stack", "ux"]
    CRASH_FIELD_NUMBER: _ClassVar[int]
    INFRA_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_FIELD_NUMBER: _ClassVar[int]
    INTEGRATION_FIELD_NUMBER: _ClassVar[int]
    PERFORMANCE_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    STACK_FIELD_NUMBER: _ClassVar[int]
    UX_FIELD_NUMBER: _ClassVar[int]
    crash: _crash_report_pb2.CrashReport
    infra: CorootInfra
    instance: CorootInstance
    integration: CorootIntegration
    performance: CorootPerformance
    profile: CorootProfile
    stack: CorootStack
    ux: CorootUx
    def __init__(self, instance: _Optional[_Union[CorootInstance, _Mapping]] = ..., integration: _Optional[_Union[CorootIntegration, _Mapping]] = ..., stack: _Optional[_Union[CorootStack, _Mapping]] = ..., infra: _Optional[_Union[CorootInfra, _Mapping]] = ..., ux: _Optional[_Union[CorootUx, _Mapping]] = ..., performance: _Optional[_Union[CorootPerformance, _Mapping]] = ..., profile: _Optional[_Union[CorootProfile, _Mapping]] = ..., crash: _Optional[_Union[_crash_report_pb2.CrashReport, _Mapping]] = ...) -> None: ...

class CorootStack(_message.Message):
    __slots__ = ["clouds", "instrumented_services", "services"]
    CLOUDS_FIELD_NUMBER: _ClassVar[int]
    INSTRUMENTED_SERVICES_FIELD_NUMBER: _ClassVar[int]
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    clouds: _containers.RepeatedScalarFieldContainer[str]
    instrumented_services: _containers.RepeatedScalarFieldContainer[str]
    services: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, clouds: _Optional[_Iterable[str]] = ..., services: _Optional[_Iterable[str]] = ..., instrumented_services: _Optional[_Iterable[str]] = ...) -> None: ...

class CorootUx(_message.Message):
    __slots__ = ["api_calls", "audit_time_avg", "mcp_calls", "page_views", "sent_notifications", "users", "users_by_role", "users_by_screen_size", "users_by_theme", "world_load_time_avg"]
    class ApiCallsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class McpCallsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class PageViewsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class SentNotificationsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class UsersByRoleEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class UsersByScreenSizeEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class UsersByThemeEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    API_CALLS_FIELD_NUMBER: _ClassVar[int]
    AUDIT_TIME_AVG_FIELD_NUMBER: _ClassVar[int]
    MCP_CALLS_FIELD_NUMBER: _ClassVar[int]
    PAGE_VIEWS_FIELD_NUMBER: _ClassVar[int]
    SENT_NOTIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    USERS_BY_ROLE_FIELD_NUMBER: _ClassVar[int]
    USERS_BY_SCREEN_SIZE_FIELD_NUMBER: _ClassVar[int]
    USERS_BY_THEME_FIELD_NUMBER: _ClassVar[int]
    USERS_FIELD_NUMBER: _ClassVar[int]
    WORLD_LOAD_TIME_AVG_FIELD_NUMBER: _ClassVar[int]
    api_calls: _containers.ScalarMap[str, int]
    audit_time_avg: float
    mcp_calls: _containers.ScalarMap[str, int]
    page_views: _containers.ScalarMap[str, int]
    sent_notifications: _containers.ScalarMap[str, int]
    users: _containers.RepeatedScalarFieldContainer[str]
    users_by_role: _containers.ScalarMap[str, int]
    users_by_screen_size: _containers.ScalarMap[str, int]
    users_by_theme: _containers.ScalarMap[str, int]
    world_load_time_avg: float
    def __init__(self, users_by_screen_size: _Optional[_Mapping[str, int]] = ..., users_by_theme: _Optional[_Mapping[str, int]] = ..., users_by_role: _Optional[_Mapping[str, int]] = ..., users: _Optional[_Iterable[str]] = ..., page_views: _Optional[_Mapping[str, int]] = ..., api_calls: _Optional[_Mapping[str, int]] = ..., mcp_calls: _Optional[_Mapping[str, int]] = ..., world_load_time_avg: _Optional[float] = ..., audit_time_avg: _Optional[float] = ..., sent_notifications: _Optional[_Mapping[str, int]] = ...) -> None: ...

class CorootVolumeUsage(_message.Message):
    __slots__ = ["read_bandwidth", "read_latency", "reads", "size", "usage", "write_bandwidth", "write_latency", "writes"]
    READS_FIELD_NUMBER: _ClassVar[int]
    READ_BANDWIDTH_FIELD_NUMBER: _ClassVar[int]
    READ_LATENCY_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    USAGE_FIELD_NUMBER: _ClassVar[int]
    WRITES_FIELD_NUMBER: _ClassVar[int]
    WRITE_BANDWIDTH_FIELD_NUMBER: _ClassVar[int]
    WRITE_LATENCY_FIELD_NUMBER: _ClassVar[int]
    read_bandwidth: float
    read_latency: float
    reads: float
    size: float
    usage: float
    write_bandwidth: float
    write_latency: float
    writes: float
    def __init__(self, size: _Optional[float] = ..., usage: _Optional[float] = ..., read_latency: _Optional[float] = ..., write_latency: _Optional[float] = ..., reads: _Optional[float] = ..., writes: _Optional[float] = ..., read_bandwidth: _Optional[float] = ..., write_bandwidth: _Optional[float] = ...) -> None: ...
