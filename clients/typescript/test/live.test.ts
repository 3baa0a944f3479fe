// Live tests against the ingestion service that clients/test.sh starts: TELEMETRY_ADDRESS for gRPC and
// TELEMETRY_REDIS for its Redis buffer.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { create, equals, fromBinary } from "@bufbuild/protobuf";
import { timestampNow } from "@bufbuild/protobuf/wkt";
import { Reporter } from "../src/index.js";
import { ReportOutcome } from "../src/gen/telemetry/v1/ingest_service_pb.js";
import { UsageReportSchema, type UsageReport } from "../src/gen/telemetry/v1/usage_report_pb.js";
import { QdrantReportSchema } from "../src/gen/telemetry/v1/qdrant_pb.js";
import { CrashReportSchema } from "../src/gen/telemetry/v1/crash_report_pb.js";
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

/**
 * A Qdrant report with repeated fields, maps keyed by data (routes, status codes) and a crash report, as the Go,
 * Python and Java live tests build it.
 */
function qdrantFieldsReport(reporter: Reporter): UsageReport {
  const report = reporter.newReport();
  const id = report.instance?.instanceId ?? "";
  report.payload = {
    case: "qdrant",
    value: create(QdrantReportSchema, {
      id,
      app: { name: "qdrant", version: "1.19.0" },
      collections: { numberOfCollections: 2n, collections: [{ id: "products" }, { id: "reviews" }] },
      requests: {
        rest: { responses: { "GET /collections": { statuses: { 200: { count: 42n } } } } },
        grpc: { responses: { "/qdrant.Points/Search": { statuses: { 0: { count: 7n } } } } },
      },
      crashReports: [{ id, error: "collection products is broken", backtrace: " in file lib/segment/src/index.rs at line 42" }],
    }),
  };
  return report;
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

  /** Sends report, waits for its entry in the Redis buffer and returns the stored report. */
  async function sendAndFetch(report: UsageReport): Promise<UsageReport> {
    const redisAddress = process.env.TELEMETRY_REDIS;
    assert.ok(redisAddress, "TELEMETRY_REDIS is not set; clients/test.sh sets it with TELEMETRY_ADDRESS");
    const [result] = await reporter.send([report], { timeoutMs: 20_000 });
    assert.equal(result.outcome, ReportOutcome.ACCEPTED);
    const entry = await findBufferedReport(redisAddress, report.reportId);
    return fromBinary(UsageReportSchema, entry.get("report") ?? new Uint8Array());
  }

  test("a Qdrant report's repeated fields and data-keyed maps are stored", { skip }, async () => {
    const stored = await sendAndFetch(qdrantFieldsReport(reporter));

    assert.equal(stored.payload.case, "qdrant");
    const qdrant = stored.payload.value;
    const ids = qdrant?.collections?.collections.map((c) => c.id) ?? [];
    assert.equal(ids.length, 2);
    for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/, "a keyed hash of the name");
    assert.notEqual(ids[0], ids[1]);
    assert.equal(qdrant?.requests?.rest?.responses["GET /collections"]?.statuses[200]?.count, 42n);
    assert.equal(qdrant?.requests?.grpc?.responses["/qdrant.Points/Search"]?.statuses[0]?.count, 7n);
    assert.equal(qdrant?.crashReports.length, 1);
    assert.equal(qdrant?.crashReports[0].backtrace, " in file lib/segment/src/index.rs at line 42");
    assert.equal(qdrant?.crashReports[0].error, "", "privacy.proto marks error NEVER_STORED");
  });

  test("a Mimir crash report's shared crash field is stored", { skip }, async () => {
    const report = mimirReport(reporter);
    const crash = create(CrashReportSchema, {
      errorType: "runtime.Error",
      sourceFile: "ingester.go",
      sourceLine: 812,
      function: "ingester.(*Ingester).Push",
    });
    if (report.payload.case === "mimir") {
      report.payload.value.metrics = undefined;
      report.payload.value.crash = crash;
    }

    const stored = await sendAndFetch(report);

    assert.equal(stored.payload.case, "mimir");
    assert.ok(stored.payload.value?.crash && equals(CrashReportSchema, stored.payload.value.crash, crash), "the stored crash equals the sent one");
  });
});
