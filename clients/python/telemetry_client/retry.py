"""When a report is sent again: after the server's retry_delay for RATE_LIMITED and OVERLOADED."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from telemetry.v1 import ingest_service_pb2

_FINAL = frozenset(
    {
        ingest_service_pb2.REPORT_OUTCOME_ACCEPTED,
        ingest_service_pb2.REPORT_OUTCOME_DUPLICATE,
        ingest_service_pb2.REPORT_OUTCOME_REJECTED,
    }
)


@dataclass(frozen=True)
class RetryPolicy:
    """Decides whether and when a report is sent again.

    max_attempts bounds how often one report is sent, the first send included. base_delay (seconds) is the
    wait before the second attempt when the server gives no retry_delay; it doubles with every further
    attempt. max_delay caps every wait, including the server's retry_delay.
    """

    max_attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 60.0

    def delay(self, result: ingest_service_pb2.ReportResult, attempt: int) -> Optional[float]:
        """Seconds to wait before sending the report of ``result`` again after ``attempt`` (1 for the first
        send), or None when it must not be sent again: accepted, duplicate, rejected, or out of attempts.
        An unknown outcome is retried later, as the contract asks."""
        if result.outcome in _FINAL or attempt >= max(self.max_attempts, 1):
            return None
        if result.HasField("retry_delay") and result.retry_delay.ToNanoseconds() > 0:
            wait = result.retry_delay.ToNanoseconds() / 1e9
        else:
            wait = self.base_delay * 2 ** (attempt - 1)
        return min(wait, self.max_delay)
