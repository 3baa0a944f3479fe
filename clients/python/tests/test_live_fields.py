"""Live tests: repeated fields, maps keyed by data and crash reports, filled with the generated messages, arrive
stored with the collector's privacy rules applied. The same reports are built by the Go, TypeScript and Java live
tests."""

import os
import re
import unittest
import uuid
from unittest import mock

from telemetry.v1 import crash_report_pb2, ingest_service_pb2, qdrant_pb2, usage_report_pb2
from telemetry_client import Reporter
from tests.test_live import ADDRESS, SKIP_REASON, find_buffered_report, mimir_report

KEYED_HASH = re.compile(r"^[0-9a-f]{32}$")


def qdrant_fields_report(reporter: Reporter) -> usage_report_pb2.UsageReport:
    report = reporter.new_report()
    instance_id = report.instance.instance_id
    report.qdrant.CopyFrom(
        qdrant_pb2.QdrantReport(
            id=instance_id,
            app=qdrant_pb2.QdrantApp(name="qdrant", version="1.19.0"),
            collections=qdrant_pb2.QdrantCollections(
                number_of_collections=2,
                collections=[qdrant_pb2.QdrantCollection(id="products"), qdrant_pb2.QdrantCollection(id="reviews")],
            ),
            requests=qdrant_pb2.QdrantRequests(
                rest=qdrant_pb2.QdrantRestRequests(
                    responses={
                        "GET /collections": qdrant_pb2.QdrantStatusResponses(
                            statuses={200: qdrant_pb2.QdrantOperationStatistics(count=42)}
                        )
                    }
                ),
                grpc=qdrant_pb2.QdrantGrpcRequests(
                    responses={
                        "/qdrant.Points/Search": qdrant_pb2.QdrantStatusResponses(
                            statuses={0: qdrant_pb2.QdrantOperationStatistics(count=7)}
                        )
                    }
                ),
            ),
            crash_reports=[
                qdrant_pb2.QdrantCrashReport(
                    id=instance_id,
                    error="collection products is broken",
                    backtrace=" in file lib/segment/src/index.rs at line 42",
                )
            ],
        )
    )
    return report


@unittest.skipUnless(ADDRESS, SKIP_REASON)
class LiveFieldsTests(unittest.TestCase):
    def setUp(self):
        with mock.patch.dict(os.environ, {"DO_NOT_TRACK": ""}):
            self.reporter = Reporter(ADDRESS, cluster_id=str(uuid.uuid4()), instance_id=str(uuid.uuid4()))
        self.addCleanup(self.reporter.close)

    def send_and_fetch(self, report: usage_report_pb2.UsageReport) -> usage_report_pb2.UsageReport:
        redis_address = os.environ.get("TELEMETRY_REDIS")
        self.assertTrue(redis_address, "TELEMETRY_REDIS is not set; clients/test.sh sets it with TELEMETRY_ADDRESS")
        results = self.reporter.send(report, timeout=20)
        self.assertEqual(results[0].outcome, ingest_service_pb2.REPORT_OUTCOME_ACCEPTED)
        entry = find_buffered_report(redis_address, report.report_id)
        return usage_report_pb2.UsageReport.FromString(entry[b"report"])

    def test_qdrant_report_repeated_fields_and_data_keyed_maps_are_stored(self):
        stored = self.send_and_fetch(qdrant_fields_report(self.reporter)).qdrant

        ids = [c.id for c in stored.collections.collections]
        self.assertEqual(len(ids), 2)
        self.assertTrue(all(KEYED_HASH.match(i) for i in ids), f"keyed hashes of the names: {ids}")
        self.assertNotEqual(ids[0], ids[1])
        self.assertEqual(stored.requests.rest.responses["GET /collections"].statuses[200].count, 42)
        self.assertEqual(stored.requests.grpc.responses["/qdrant.Points/Search"].statuses[0].count, 7)
        self.assertEqual(len(stored.crash_reports), 1)
        self.assertEqual(stored.crash_reports[0].backtrace, " in file lib/segment/src/index.rs at line 42")
        self.assertEqual(stored.crash_reports[0].error, "", "privacy.proto marks error NEVER_STORED")

    def test_mimir_crash_report_shared_crash_field_is_stored(self):
        report = mimir_report(self.reporter)
        crash = crash_report_pb2.CrashReport(
            error_type="runtime.Error", source_file="ingester.go", source_line=812, function="ingester.(*Ingester).Push"
        )
        report.mimir.ClearField("metrics")
        report.mimir.crash.CopyFrom(crash)

        stored = self.send_and_fetch(report)

        self.assertEqual(stored.mimir.crash, crash)


if __name__ == "__main__":
    unittest.main()
