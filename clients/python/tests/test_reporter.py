"""Reporter tests that need no ingestion service."""

import os
import re
import threading
import time
import unittest
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import grpc
from google.protobuf import duration_pb2

from telemetry.v1 import ingest_service_pb2, usage_report_pb2
from telemetry_client import DEFAULT_ADDRESS, Reporter, RetryPolicy
from tests.support import CountingListener, start_limiting_server

UUID_V4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


class NewReportTests(unittest.TestCase):
    def test_new_report_fresh_report_has_uuid_schema_version_and_time(self):
        reporter = Reporter("127.0.0.1:1")
        before = time.time()

        first = reporter.new_report(generic=usage_report_pb2.GenericReport(product="loki"))
        second = reporter.new_report()

        self.assertRegex(first.report_id, UUID_V4)
        self.assertNotEqual(first.report_id, second.report_id)
        self.assertEqual(first.schema_version, 1)
        self.assertAlmostEqual(first.report_time.ToNanoseconds() / 1e9, before, delta=2)
        self.assertRegex(first.instance.instance_id, UUID_V4)
        self.assertEqual(first.instance.instance_id, second.instance.instance_id)
        self.assertEqual(first.WhichOneof("payload"), "generic")

    def test_reporter_no_address_uses_telemetry_address_then_default(self):
        with mock.patch.dict(os.environ, {"TELEMETRY_ADDRESS": ""}):
            self.assertEqual(Reporter().address, DEFAULT_ADDRESS)
        with mock.patch.dict(os.environ, {"TELEMETRY_ADDRESS": "127.0.0.1:6000"}):
            self.assertEqual(Reporter().address, "127.0.0.1:6000")


class OptOutTests(unittest.TestCase):
    def setUp(self):
        self.listener = CountingListener()
        self.addCleanup(self.listener.close)

    def test_send_do_not_track_sends_nothing_and_opens_no_connection(self):
        with mock.patch.dict(os.environ, {"DO_NOT_TRACK": "1"}):
            reporter = Reporter(self.listener.address)
        with reporter:
            results = reporter.send(reporter.new_report(), timeout=1)
            with reporter.open_stream() as stream:
                acknowledgement = stream.send(reporter.new_report(), timeout=1)
        time.sleep(0.3)

        self.assertTrue(reporter.opted_out)
        self.assertEqual(results, [])
        self.assertIsNone(acknowledgement)
        self.assertEqual(self.listener.accepted, 0, "the listener accepted a connection")

    def test_send_tracking_allowed_connects_to_the_listener(self):
        # The control for the opt-out test: the same listener does see a reporter that is not opted out.
        with mock.patch.dict(os.environ, {"DO_NOT_TRACK": ""}):
            reporter = Reporter(self.listener.address)
        with reporter:
            with self.assertRaises(grpc.RpcError):
                reporter.send(reporter.new_report(), timeout=2)
        for _ in range(50):
            if self.listener.accepted:
                break
            time.sleep(0.1)

        self.assertGreater(self.listener.accepted, 0, "the listener accepted no connection")


def result(outcome, retry_delay=None):
    message = ingest_service_pb2.ReportResult(outcome=outcome)
    if retry_delay is not None:
        message.retry_delay.CopyFrom(duration_pb2.Duration(seconds=int(retry_delay), nanos=int(retry_delay % 1 * 1e9)))
    return message


class RetryPolicyTests(unittest.TestCase):
    policy = RetryPolicy(max_attempts=4, base_delay=0.1, max_delay=5.0)

    def test_delay_outcomes(self):
        cases = [
            ("accepted", result(ingest_service_pb2.REPORT_OUTCOME_ACCEPTED), 1, None),
            ("duplicate", result(ingest_service_pb2.REPORT_OUTCOME_DUPLICATE), 1, None),
            ("rejected", result(ingest_service_pb2.REPORT_OUTCOME_REJECTED, 1), 1, None),
            ("rate limited uses retry_delay", result(ingest_service_pb2.REPORT_OUTCOME_RATE_LIMITED, 1.5), 1, 1.5),
            ("overloaded uses retry_delay", result(ingest_service_pb2.REPORT_OUTCOME_OVERLOADED, 0.25), 2, 0.25),
            ("retry_delay is capped", result(ingest_service_pb2.REPORT_OUTCOME_RATE_LIMITED, 3600), 1, 5.0),
            ("no retry_delay backs off", result(ingest_service_pb2.REPORT_OUTCOME_OVERLOADED), 3, 0.4),
            ("unknown outcome is retried", result(42), 1, 0.1),
            ("attempts used up", result(ingest_service_pb2.REPORT_OUTCOME_RATE_LIMITED, 1), 4, None),
        ]
        for name, message, attempt, expected in cases:
            with self.subTest(name):
                delay = self.policy.delay(message, attempt)
                if expected is None:
                    self.assertIsNone(delay)
                else:
                    self.assertAlmostEqual(delay, expected, places=6)


class RetryOverTheWireTests(unittest.TestCase):
    def setUp(self):
        self.service, server, self.address = start_limiting_server()
        self.addCleanup(server.stop, None)
        with mock.patch.dict(os.environ, {"DO_NOT_TRACK": ""}):
            self.reporter = Reporter(self.address)
        self.addCleanup(self.reporter.close)

    def test_send_rate_limited_sends_again_after_retry_delay(self):
        reports = [self.reporter.new_report(), self.reporter.new_report()]

        results = self.reporter.send(*reports, timeout=5)

        for report, res in zip(reports, results):
            self.assertEqual(res.report_id, report.report_id)
            self.assertEqual(res.outcome, ingest_service_pb2.REPORT_OUTCOME_ACCEPTED)
            self.assertGreaterEqual(self.service.gap(report.report_id), 0.2 - 0.005)

    def test_stream_send_rate_limited_sends_again_after_retry_delay(self):
        reports = [self.reporter.new_report() for _ in range(3)]

        with self.reporter.open_stream() as stream, ThreadPoolExecutor(max_workers=3) as pool:
            results = list(pool.map(lambda r: stream.send(r, timeout=5), reports))

        for report, res in zip(reports, results):
            self.assertEqual(res.report_id, report.report_id)
            self.assertEqual(res.outcome, ingest_service_pb2.REPORT_OUTCOME_ACCEPTED)
            self.assertGreaterEqual(self.service.gap(report.report_id), 0.2 - 0.005)


if __name__ == "__main__":
    unittest.main()
