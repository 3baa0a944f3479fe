"""Sends usage reports to the ingestion service, unary or on a stream."""

from __future__ import annotations

import os
import queue
import threading
import time
import uuid
from concurrent.futures import Future
from typing import Callable, Dict, List, Optional

import grpc

from telemetry.v1 import ingest_service_pb2, ingest_service_pb2_grpc, usage_report_pb2
from telemetry_client.retry import RetryPolicy

DEFAULT_ADDRESS = "127.0.0.1:50051"
SCHEMA_VERSION = 1


def opted_out() -> bool:
    """True when the user opted out of telemetry with DO_NOT_TRACK=1."""
    return os.environ.get("DO_NOT_TRACK") == "1"


class Reporter:
    """Builds and sends usage reports.

    The address defaults to $TELEMETRY_ADDRESS, then 127.0.0.1:50051. The channel is created on the first
    send; with DO_NOT_TRACK=1 (read once, here) nothing is sent and no channel is ever created. Thread-safe.
    """

    def __init__(
        self,
        address: Optional[str] = None,
        *,
        instance_id: Optional[str] = None,
        cluster_id: str = "",
        retry: RetryPolicy = RetryPolicy(),
        credentials: Optional[grpc.ChannelCredentials] = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.address = address or os.environ.get("TELEMETRY_ADDRESS") or DEFAULT_ADDRESS
        self.instance_id = instance_id if instance_id is not None else ("" if cluster_id else str(uuid.uuid4()))
        self.cluster_id = cluster_id
        self.retry = retry
        self.opted_out = opted_out()
        self._credentials = credentials
        self._sleep = sleep
        self._lock = threading.Lock()
        self._channel: Optional[grpc.Channel] = None
        self._stub: Optional[ingest_service_pb2_grpc.IngestServiceStub] = None

    def new_report(self, **fields) -> usage_report_pb2.UsageReport:
        """A report with a fresh report_id, schema_version 1, report_time now and this reporter's instance
        identity. Keyword arguments set further fields, such as the payload: ``generic=GenericReport(...)``."""
        report = usage_report_pb2.UsageReport(
            report_id=str(uuid.uuid4()),
            schema_version=SCHEMA_VERSION,
            instance=usage_report_pb2.InstanceIdentity(cluster_id=self.cluster_id, instance_id=self.instance_id),
            **fields,
        )
        report.report_time.GetCurrentTime()
        return report

    def send(self, *reports: usage_report_pb2.UsageReport, timeout: Optional[float] = None) -> List[ingest_service_pb2.ReportResult]:
        """Sends reports in one unary batch and returns one final result per report, in order. Reports the
        server rate-limits or finds overloaded are sent again after its retry_delay, up to the policy's
        attempts. Returns [] when opted out."""
        if self.opted_out or not reports:
            return []
        stub = self._get_stub()
        results: List[Optional[ingest_service_pb2.ReportResult]] = [None] * len(reports)
        pending = list(range(len(reports)))
        attempt = 1
        while pending:
            request = ingest_service_pb2.IngestReportsRequest(
                request_id=str(uuid.uuid4()), reports=[reports[i] for i in pending]
            )
            response = stub.IngestReports(request, timeout=timeout)
            if len(response.results) != len(pending):
                raise RuntimeError(
                    f"the service answered {len(response.results)} results for {len(pending)} reports"
                )
            retry, wait = [], 0.0
            for i, result in zip(pending, response.results):
                results[i] = result
                delay = self.retry.delay(result, attempt)
                if delay is not None:
                    retry.append(i)
                    wait = max(wait, delay)
            if not retry or attempt >= self.retry.max_attempts:
                break
            self._sleep(wait)
            pending, attempt = retry, attempt + 1
        return [r for r in results if r is not None]

    def open_stream(self) -> "ReportStream":
        """Opens a report stream; use it as a context manager. When opted out, the stream sends nothing."""
        return ReportStream(self)

    def close(self) -> None:
        """Closes the channel, if one was created."""
        with self._lock:
            if self._channel is not None:
                self._channel.close()
            self._channel, self._stub = None, None

    def __enter__(self) -> "Reporter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _get_stub(self) -> ingest_service_pb2_grpc.IngestServiceStub:
        with self._lock:
            if self._stub is None:
                if self._credentials is None:
                    self._channel = grpc.insecure_channel(self.address)
                else:
                    self._channel = grpc.secure_channel(self.address, self._credentials)
                self._stub = ingest_service_pb2_grpc.IngestServiceStub(self._channel)
            return self._stub


_END = object()


class ReportStream:
    """One StreamReports call. ``send`` blocks until its report's final acknowledgement, matched by report_id;
    it may be called from several threads at once."""

    def __init__(self, reporter: Reporter) -> None:
        self._reporter = reporter
        self._lock = threading.Lock()
        self._waiting: Dict[str, Future] = {}
        self._error: Optional[BaseException] = None
        self._call = None
        self._receiver: Optional[threading.Thread] = None
        if reporter.opted_out:
            return
        self._requests: "queue.Queue" = queue.Queue()
        self._call = reporter._get_stub().StreamReports(iter(self._requests.get, _END))
        self._receiver = threading.Thread(target=self._receive, name="telemetry-stream", daemon=True)
        self._receiver.start()

    def send(self, report: usage_report_pb2.UsageReport, timeout: Optional[float] = None) -> Optional[ingest_service_pb2.ReportResult]:
        """Sends report and returns its final acknowledgement; a RATE_LIMITED or OVERLOADED report is sent
        again on the stream after the server's retry_delay. Returns None when opted out."""
        if self._call is None:
            return None
        attempt = 1
        while True:
            result = self._send_once(report, timeout)
            delay = self._reporter.retry.delay(result, attempt)
            if delay is None:
                return result
            self._reporter._sleep(delay)
            attempt += 1

    def close(self) -> None:
        """Half-closes the stream and waits for the server to end it."""
        if self._call is None:
            return
        self._requests.put(_END)
        if self._receiver is not None:
            self._receiver.join(timeout=30)

    def __enter__(self) -> "ReportStream":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _send_once(self, report, timeout):
        future: Future = Future()
        with self._lock:
            if self._error is not None:
                raise self._error
            if report.report_id in self._waiting:
                raise ValueError(f"report {report.report_id} is already awaiting its acknowledgement")
            self._waiting[report.report_id] = future
        try:
            self._requests.put(ingest_service_pb2.StreamReportsRequest(report=report))
            return future.result(timeout=timeout)
        finally:
            with self._lock:
                self._waiting.pop(report.report_id, None)

    def _receive(self) -> None:
        error: BaseException
        try:
            for response in self._call:
                with self._lock:
                    future = self._waiting.get(response.result.report_id)
                if future is not None and not future.done():
                    future.set_result(response.result)
            error = ConnectionError("the report stream is closed")
        except grpc.RpcError as exc:
            error = exc
        with self._lock:
            self._error = error
            waiting = list(self._waiting.values())
        for future in waiting:
            if not future.done():
                future.set_exception(error)
