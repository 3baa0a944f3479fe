"""Live tests against the ingestion service that clients/test.sh starts: TELEMETRY_ADDRESS for gRPC and
TELEMETRY_REDIS for its Redis buffer."""

import os
import time
import unittest
import uuid
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

from telemetry.v1 import grafana_pb2, ingest_service_pb2, mimir_pb2, usage_report_pb2
from telemetry_client import Reporter
from tests.support import RespClient

ADDRESS = os.environ.get("TELEMETRY_ADDRESS", "")
SKIP_REASON = "TELEMETRY_ADDRESS is not set: live tests need the ingestion service (clients/test.sh starts it)"


def mimir_report(reporter: Reporter) -> usage_report_pb2.UsageReport:
    report = reporter.new_report(
        target="all",
        edition="oss",
        build=usage_report_pb2.BuildInfo(version="2.14.0", build_user="someone@build-host"),
        mimir=mimir_pb2.MimirReport(
            cluster_id=reporter.cluster_id,
            interval_period=14400,
            target="all",
            os="linux",
            arch="amd64",
            edition="oss",
            version=grafana_pb2.GrafanaVersion(version="2.14.0"),
            metrics=mimir_pb2.MimirMetrics(num_goroutine=120, blocks_storage_backend="filesystem"),
        ),
    )
    report.mimir.created_at.GetCurrentTime()
    report.mimir.interval.GetCurrentTime()
    return report


def find_buffered_report(redis_address: str, report_id: str, timeout: float = 5.0) -> dict:
    """Fields of the entry with report_id in telemetry:v1:{shard-N}:reports (N = 0..3)."""
    client = RespClient(redis_address)
    try:
        deadline = time.monotonic() + timeout
        while True:
            for shard in range(4):
                key = "telemetry:v1:{shard-%d}:reports" % shard
                for _entry_id, flat in client.execute("XRANGE", key, "-", "+") or []:
                    fields = dict(zip(flat[0::2], flat[1::2]))
                    if fields.get(b"report_id") == report_id.encode():
                        return fields
            if time.monotonic() > deadline:
                raise AssertionError(f"no entry with report_id {report_id} in telemetry:v1:{{shard-0..3}}:reports")
            time.sleep(0.1)
    finally:
        client.close()


@unittest.skipUnless(ADDRESS, SKIP_REASON)
class LiveIngestTests(unittest.TestCase):
    def setUp(self):
        with mock.patch.dict(os.environ, {"DO_NOT_TRACK": ""}):
            self.reporter = Reporter(ADDRESS, cluster_id=str(uuid.uuid4()), instance_id=str(uuid.uuid4()))
        self.addCleanup(self.reporter.close)

    def test_ingest_reports_fresh_report_accepted_then_duplicate(self):
        report = mimir_report(self.reporter)

        first = self.reporter.send(report, timeout=20)
        again = self.reporter.send(report, timeout=20)

        self.assertEqual([(r.report_id, r.outcome) for r in first], [(report.report_id, ingest_service_pb2.REPORT_OUTCOME_ACCEPTED)])
        self.assertEqual([(r.report_id, r.outcome) for r in again], [(report.report_id, ingest_service_pb2.REPORT_OUTCOME_DUPLICATE)])

    def test_stream_reports_one_acknowledgement_per_report(self):
        reports = [mimir_report(self.reporter) for _ in range(5)]

        with self.reporter.open_stream() as stream, ThreadPoolExecutor(max_workers=5) as pool:
            results = list(pool.map(lambda r: stream.send(r, timeout=20), reports))

        self.assertEqual(
            [(r.report_id, r.outcome) for r in results],
            [(r.report_id, ingest_service_pb2.REPORT_OUTCOME_ACCEPTED) for r in reports],
        )

    def test_ingest_reports_accepted_report_reaches_the_redis_buffer(self):
        redis_address = os.environ.get("TELEMETRY_REDIS")
        self.assertTrue(redis_address, "TELEMETRY_REDIS is not set; clients/test.sh sets it with TELEMETRY_ADDRESS")
        report = mimir_report(self.reporter)
        sent_ms = time.time() * 1000

        results = self.reporter.send(report, timeout=20)
        self.assertEqual(results[0].outcome, ingest_service_pb2.REPORT_OUTCOME_ACCEPTED)
        entry = find_buffered_report(redis_address, report.report_id)

        self.assertIn("mimir", entry[b"product"].decode().lower())
        self.assertAlmostEqual(int(entry[b"arrival_ms"]), sent_ms, delta=60_000)
        buffered = usage_report_pb2.UsageReport.FromString(entry[b"report"])
        self.assertEqual(buffered.report_id, report.report_id)
        self.assertEqual(buffered.schema_version, 1)
        self.assertEqual(buffered.instance.instance_id, report.instance.instance_id)
        self.assertEqual(buffered.WhichOneof("payload"), "mimir")
        self.assertEqual(buffered.mimir.cluster_id, report.mimir.cluster_id)
        self.assertEqual(buffered.mimir.metrics.blocks_storage_backend, "filesystem")
        self.assertEqual(buffered.build.build_user, "", "privacy.proto marks build.build_user NEVER_STORED")


if __name__ == "__main__":
    unittest.main()
