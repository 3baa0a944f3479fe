"""Test helpers: a TCP listener that counts connections, a scripted in-process IngestService, and the
smallest Redis client the live tests need."""

from __future__ import annotations

import socket
import threading
import time
from concurrent import futures
from typing import Dict, List

import grpc
from google.protobuf import duration_pb2

from telemetry.v1 import ingest_service_pb2, ingest_service_pb2_grpc


class CountingListener:
    """Accepts TCP connections on a free loopback port and counts them."""

    def __init__(self) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self._socket.settimeout(0.1)
        self.address = "127.0.0.1:%d" % self._socket.getsockname()[1]
        self.accepted = 0
        self._open: List[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._socket.accept()
            except (socket.timeout, OSError):
                continue
            self.accepted += 1
            self._open.append(conn)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for conn in self._open:
            conn.close()
        self._socket.close()


class LimitingService(ingest_service_pb2_grpc.IngestServiceServicer):
    """Answers the first send of every report with RATE_LIMITED (retry_delay 200 ms) and later sends with
    ACCEPTED, recording when each send arrived."""

    RETRY_DELAY = 0.2

    def __init__(self) -> None:
        self.sends: Dict[str, List[float]] = {}
        self._lock = threading.Lock()

    def _answer(self, report) -> ingest_service_pb2.ReportResult:
        with self._lock:
            sends = self.sends.setdefault(report.report_id, [])
            sends.append(time.monotonic())
            first = len(sends) == 1
        if first:
            return ingest_service_pb2.ReportResult(
                report_id=report.report_id,
                outcome=ingest_service_pb2.REPORT_OUTCOME_RATE_LIMITED,
                reason="slow down",
                retry_delay=duration_pb2.Duration(nanos=int(self.RETRY_DELAY * 1e9)),
            )
        return ingest_service_pb2.ReportResult(
            report_id=report.report_id, outcome=ingest_service_pb2.REPORT_OUTCOME_ACCEPTED
        )

    def IngestReports(self, request, context):
        return ingest_service_pb2.IngestReportsResponse(results=[self._answer(r) for r in request.reports])

    def StreamReports(self, request_iterator, context):
        for request in request_iterator:
            yield ingest_service_pb2.StreamReportsResponse(result=self._answer(request.report))

    def gap(self, report_id: str) -> float:
        with self._lock:
            sends = self.sends.get(report_id, [])
        if len(sends) != 2:
            raise AssertionError(f"report {report_id} was sent {len(sends)} times; want 2")
        return sends[1] - sends[0]


def start_limiting_server():
    service = LimitingService()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    ingest_service_pb2_grpc.add_IngestServiceServicer_to_server(service, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    return service, server, "127.0.0.1:%d" % port


class RespClient:
    """Sends one Redis command at a time and parses the reply (RESP2)."""

    def __init__(self, address: str) -> None:
        host, port = address.rsplit(":", 1)
        self._socket = socket.create_connection((host, int(port)), timeout=5)
        self._file = self._socket.makefile("rb")

    def close(self) -> None:
        self._file.close()
        self._socket.close()

    def execute(self, *args: str):
        parts = [b"*%d\r\n" % len(args)]
        for arg in args:
            data = arg.encode()
            parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
        self._socket.sendall(b"".join(parts))
        return self._read()

    def _read(self):
        line = self._file.readline()
        if not line.endswith(b"\r\n"):
            raise ConnectionError("Redis closed the connection")
        kind, body = line[:1], line[1:-2]
        if kind == b"+":
            return body
        if kind == b"-":
            raise RuntimeError("redis: " + body.decode())
        if kind == b":":
            return int(body)
        if kind == b"$":
            n = int(body)
            if n < 0:
                return None
            data = self._file.read(n + 2)
            return data[:n]
        if kind == b"*":
            n = int(body)
            return None if n < 0 else [self._read() for _ in range(n)]
        raise RuntimeError(f"unexpected Redis reply {line!r}")
