"""Sends one CorootReport with the fields Coroot's documentation shows: repeated fields (clouds, services,
cpu_usage), maps keyed by data ("CPUNode", "-CPU", "/p/$projectId") and hashed user identifiers; prints the report
with the contract's field names, then the answer. The address comes from TELEMETRY_ADDRESS (default
127.0.0.1:50051); DO_NOT_TRACK=1 prints the report and sends nothing.

    cd clients/python && PYTHONPATH=gen:. /usr/bin/python3 examples/coroot_report.py
"""

import sys
import uuid

import grpc
from google.protobuf import json_format

from telemetry.v1 import coroot_pb2, ingest_service_pb2
from telemetry_client import Reporter


def coroot_payload() -> coroot_pb2.CorootReport:
    coroot = coroot_pb2.CorootReport(
        instance=coroot_pb2.CorootInstance(uuid=str(uuid.uuid4()), version="1.5.0", database_type="sqlite"),
        stack=coroot_pb2.CorootStack(
            clouds=["aws", "gcp"], services=["postgres", "redis"], instrumented_services=["postgres"]
        ),
        infra=coroot_pb2.CorootInfra(projects=1, nodes=12, deployment_summaries={"ok": 3, "-CPU": 1}),
        ux=coroot_pb2.CorootUx(
            users=["alice@example.com"],  # KEYED_HASH: the collector stores an HMAC, never the address
            page_views={"/p/$projectId/app/$id/SLO": 3},
            users_by_screen_size={"1920x1080": 1},
        ),
        performance=coroot_pb2.CorootPerformance(cpu_usage=[0.079, 0.071], memory_usage=[123456789.0]),
    )
    coroot.integration.inspection_overrides["CPUNode"].application_level = 2
    return coroot


def main() -> int:
    with Reporter() as reporter:
        report = reporter.new_report(coroot=coroot_payload())
        print(json_format.MessageToJson(report, preserving_proto_field_name=True))
        if reporter.opted_out:
            print("DO_NOT_TRACK=1: nothing is sent")
            return 0
        for result in reporter.send(report, timeout=30):
            print(result.report_id, ingest_service_pb2.ReportOutcome.Name(result.outcome), result.field_path, result.reason)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except grpc.RpcError as error:
        print(f"coroot_report.py: {error.code().name}: {error.details()}", file=sys.stderr)
        sys.exit(1)
