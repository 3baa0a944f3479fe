"""Client for the Telemetry ingestion service: a thin reporter over the generated telemetry.v1 stubs."""

from telemetry_client.reporter import (
    DEFAULT_ADDRESS,
    SCHEMA_VERSION,
    Reporter,
    ReportStream,
    opted_out,
)
from telemetry_client.retry import RetryPolicy

__all__ = [
    "DEFAULT_ADDRESS",
    "SCHEMA_VERSION",
    "Reporter",
    "ReportStream",
    "RetryPolicy",
    "opted_out",
]
