// Live tests against the ingestion service that clients/test.sh starts: TELEMETRY_ADDRESS for gRPC and
// TELEMETRY_REDIS for its Redis buffer.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { fromBinary } from "@bufbuild/protobuf";
import { timestampNow } from "@bufbuild/protobuf/wkt";
import { Reporter } from "../src/index.js";
import { ReportOutcome } from "../src/gen/telemetry/v1/ingest_service_pb.js";
import { UsageReportSchema, type UsageReport } from "../src/gen/telemetry/v1/usage_report_pb.js";
import { RespClient, type RespValue } from "./support.js";

const address = process.env.TELEMETRY_ADDRESS ?? "";
const skip = address ? false : "TELEMETRY_ADDRESS is not set: live tests need the ingestion service (clients/test.sh starts it)";

function mimirReport(reporter: Reporter): UsageReport {
  return reporter.newReport({
    target: "all",
    edition: "oss",
    build: { version: "2.14.0", buildUser: "someone@build-host" },
    payload: {
      case: "mimir",
      value: {
        clusterId: reporter.clusterId,
        createdAt: timestampNow(),
        interval: timestampNow(),
        intervalPeriod: 14400,
        target: "all",
        os: "linux",
        arch: "amd64",
        edition: "oss",
        metrics: { numGoroutine: 120n, blocksStorageBackend: "filesystem" },
      },
    },
  });
}

/** Fields of the entry with reportId in telemetry:v1:{shard-N}:reports (N = 0..3). */
async function findBufferedReport(redisAddress: string, reportId: string, timeoutMs = 5_000): Promise<Map<string, Buffer>> {
  const redis = await RespClient.connect(redisAddress);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let shard = 0; shard < 4; shard++) {
        const entries = (await redis.command("XRANGE", `telemetry:v1:{shard-${shard}}:reports`, "-", "+")) as RespValue[];
        for (const entry of entries ?? []) {
          const flat = (entry as RespValue[])[1] as Buffer[];
          const fields = new Map<string, Buffer>();
          for (let i = 0; i + 1 < flat.length; i += 2) fields.set(flat[i].toString(), flat[i + 1]);
          if (fields.get("report_id")?.toString() === reportId) return fields;
        }
      }
      if (Date.now() > deadline) {
        throw new Error(`no entry with report_id ${reportId} in telemetry:v1:{shard-0..3}:reports`);
      }
      await delay(100);
    }
  } finally {
    redis.close();
  }
}

describe("live ingestion service", () => {
  let reporter: Reporter;
  before(() => {
    const saved = process.env.DO_NOT_TRACK;
    delete process.env.DO_NOT_TRACK;
    reporter = new Reporter({ address, clusterId: randomUUID(), instanceId: randomUUID() });
    if (saved !== undefined) process.env.DO_NOT_TRACK = saved;
  });
  after(() => reporter?.close());

  test("IngestReports accepts a fresh report, then answers DUPLICATE for its report_id", { skip }, async () => {
    const report = mimirReport(reporter);

    const first = await reporter.send([report], { timeoutMs: 20_000 });
    const again = await reporter.send([report], { timeoutMs: 20_000 });

    assert.deepEqual(first.map((r) => [r.reportId, r.outcome]), [[report.reportId, ReportOutcome.ACCEPTED]]);
    assert.deepEqual(again.map((r) => [r.reportId, r.outcome]), [[report.reportId, ReportOutcome.DUPLICATE]]);
  });

  test("StreamReports acknowledges every report by report_id", { skip }, async () => {
    const reports = Array.from({ length: 5 }, () => mimirReport(reporter));

    const stream = reporter.openStream();
    const results = await Promise.all(reports.map((report) => stream.send(report)));
    await stream.close();

    assert.deepEqual(
      results.map((r) => [r?.reportId, r?.outcome]),
      reports.map((r) => [r.reportId, ReportOutcome.ACCEPTED]),
    );
  });

  test("an accepted report reaches the Redis buffer", { skip }, async () => {
    const redisAddress = process.env.TELEMETRY_REDIS;
    assert.ok(redisAddress, "TELEMETRY_REDIS is not set; clients/test.sh sets it with TELEMETRY_ADDRESS");
    const report = mimirReport(reporter);
    const sentMs = Date.now();

    const [result] = await reporter.send([report], { timeoutMs: 20_000 });
    assert.equal(result.outcome, ReportOutcome.ACCEPTED);
    const entry = await findBufferedReport(redisAddress, report.reportId);

    assert.match(entry.get("product")?.toString().toLowerCase() ?? "", /mimir/);
    assert.ok(Math.abs(Number(entry.get("arrival_ms")?.toString()) - sentMs) < 60_000, "arrival_ms is not around the send");
    const buffered = fromBinary(UsageReportSchema, entry.get("report") ?? new Uint8Array());
    assert.equal(buffered.reportId, report.reportId);
    assert.equal(buffered.schemaVersion, 1);
    assert.equal(buffered.instance?.instanceId, report.instance?.instanceId);
    assert.equal(buffered.payload.case, "mimir");
    assert.equal(buffered.payload.value?.clusterId, reporter.clusterId);
    assert.equal(buffered.payload.value?.metrics?.blocksStorageBackend, "filesystem");
    assert.equal(buffered.build?.buildUser ?? "", "", "privacy.proto marks build.build_user NEVER_STORED");
  });
});
