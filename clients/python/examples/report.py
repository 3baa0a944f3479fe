"""Sends one GenericReport to a locally running ingestion service, unary and then on a stream, and prints the
answers. The address comes from TELEMETRY_ADDRESS (default 127.0.0.1:50051); DO_NOT_TRACK=1 sends nothing.

    cd clients/python && PYTHONPATH=gen:. /usr/bin/python3 examples/report.py
"""

import os
import platform
import sys

import grpc

from telemetry.v1 import ingest_service_pb2, metric_kinds_pb2, usage_report_pb2
from telemetry_client import Reporter


def main() -> int:
    with Reporter() as reporter:
        if reporter.opted_out:
            print("DO_NOT_TRACK=1: nothing is sent")
            return 0
        generic = usage_report_pb2.GenericReport(
            product="example",
            metrics={
                "storage_backend": metric_kinds_pb2.MetricValue(string_value="filesystem"),
                "tenants": metric_kinds_pb2.MetricValue(int_value=3),
            },
        )
        environment = usage_report_pb2.Environment(
            os=sys.platform, arch=platform.machine(), logical_cpus=os.cpu_count() or 1
        )
        report = reporter.new_report(target="all", edition="oss", environment=environment, generic=generic)
        for result in reporter.send(report, timeout=30):
            print("unary ", result.report_id, ingest_service_pb2.ReportOutcome.Name(result.outcome), result.reason)
        with reporter.open_stream() as stream:
            result = stream.send(reporter.new_report(generic=generic), timeout=30)
            print("stream", result.report_id, ingest_service_pb2.ReportOutcome.Name(result.outcome), result.reason)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except grpc.RpcError as error:
        print(f"report.py: {error.code().name}: {error.details()}", file=sys.stderr)
        sys.exit(1)
