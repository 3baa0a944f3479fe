import { describe, test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import { create } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Reporter, defaultAddress, retryDelayMs, type RetryPolicy } from "../src/index.js";
import { ReportOutcome, ReportResultSchema } from "../src/gen/telemetry/v1/ingest_service_pb.js";
import { CountingListener, LimitingService } from "./support.js";

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Runs body with the environment variables set (or deleted, for undefined) and restores them after. */
function withEnv<T>(vars: Record<string, string | undefined>, body: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    return body();
  } finally {
    apply(saved);
  }
}

describe("Reporter.newReport", () => {
  test("a fresh report has a UUID report_id, schema_version 1 and report_time now", () => {
    const reporter = new Reporter({ address: "127.0.0.1:1" });
    const before = Date.now();

    const first = reporter.newReport({ payload: { case: "generic", value: { product: "loki" } } });
    const second = reporter.newReport();

    assert.match(first.reportId, uuidV4);
    assert.notEqual(first.reportId, second.reportId);
    assert.equal(first.schemaVersion, 1);
    assert.ok(Math.abs(timestampDate(first.reportTime!).getTime() - before) < 2_000);
    assert.match(first.instance!.instanceId, uuidV4);
    assert.equal(first.instance!.instanceId, second.instance!.instanceId);
    assert.equal(first.payload.case, "generic");
  });

  test("the address comes from TELEMETRY_ADDRESS, then the default", () => {
    withEnv({ TELEMETRY_ADDRESS: undefined }, () => assert.equal(new Reporter().address, defaultAddress));
    withEnv({ TELEMETRY_ADDRESS: "127.0.0.1:6000" }, () => assert.equal(new Reporter().address, "127.0.0.1:6000"));
  });
});

describe("DO_NOT_TRACK", () => {
  let listener: CountingListener;
  let address: string;
  beforeEach(async () => {
    listener = new CountingListener();
    address = await listener.listen();
  });
  afterEach(() => listener.close());

  test("DO_NOT_TRACK=1 sends nothing and opens no connection", async () => {
    const reporter = withEnv({ DO_NOT_TRACK: "1" }, () => new Reporter({ address }));

    const results = await reporter.send([reporter.newReport()], { timeoutMs: 1_000 });
    const stream = reporter.openStream();
    const acknowledgement = await stream.send(reporter.newReport());
    await stream.close();
    reporter.close();
    await delay(300);

    assert.equal(reporter.optedOut, true);
    assert.deepEqual(results, []);
    assert.equal(acknowledgement, undefined);
    assert.equal(listener.accepted, 0, "the listener accepted a connection");
  });

  test("without DO_NOT_TRACK the same listener sees a connection", async () => {
    const reporter = withEnv({ DO_NOT_TRACK: undefined }, () => new Reporter({ address }));

    await assert.rejects(reporter.send([reporter.newReport()], { timeoutMs: 2_000 }));
    reporter.close();
    for (let i = 0; i < 50 && listener.accepted === 0; i++) await delay(100);

    assert.ok(listener.accepted > 0, "the listener accepted no connection");
  });
});

describe("retryDelayMs", () => {
  const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 5_000 };
  const result = (outcome: ReportOutcome, retryMs?: number) =>
    create(ReportResultSchema, {
      outcome,
      retryDelay:
        retryMs === undefined
          ? undefined
          : { seconds: BigInt(Math.floor(retryMs / 1_000)), nanos: (retryMs % 1_000) * 1_000_000 },
    });
  const cases: [string, ReturnType<typeof result>, number, number | undefined][] = [
    ["accepted", result(ReportOutcome.ACCEPTED), 1, undefined],
    ["duplicate", result(ReportOutcome.DUPLICATE), 1, undefined],
    ["rejected", result(ReportOutcome.REJECTED, 1_000), 1, undefined],
    ["rate limited uses retry_delay", result(ReportOutcome.RATE_LIMITED, 1_500), 1, 1_500],
    ["overloaded uses retry_delay", result(ReportOutcome.OVERLOADED, 250), 2, 250],
    ["retry_delay is capped", result(ReportOutcome.RATE_LIMITED, 3_600_000), 1, 5_000],
    ["no retry_delay backs off", result(ReportOutcome.OVERLOADED), 3, 400],
    ["unknown outcome is retried", result(42 as ReportOutcome), 1, 100],
    ["attempts used up", result(ReportOutcome.RATE_LIMITED, 1_000), 4, undefined],
  ];
  for (const [name, message, attempt, expected] of cases) {
    test(name, () => assert.equal(retryDelayMs(policy, message, attempt), expected));
  }
});

describe("retry over the wire", () => {
  let service: LimitingService;
  let reporter: Reporter;
  beforeEach(async () => {
    service = new LimitingService();
    const address = await service.start();
    reporter = withEnv({ DO_NOT_TRACK: undefined }, () => new Reporter({ address }));
  });
  afterEach(() => {
    reporter.close();
    service.stop();
  });

  test("send: RATE_LIMITED reports are sent again after retry_delay", async () => {
    const reports = [reporter.newReport(), reporter.newReport()];

    const results = await reporter.send(reports, { timeoutMs: 5_000 });

    reports.forEach((report, i) => {
      assert.equal(results[i].reportId, report.reportId);
      assert.equal(results[i].outcome, ReportOutcome.ACCEPTED);
      assert.ok(service.gapMs(report.reportId) >= LimitingService.retryDelayMs - 5);
    });
  });

  test("stream: every report is acknowledged, RATE_LIMITED ones after retry_delay", async () => {
    const reports = [reporter.newReport(), reporter.newReport(), reporter.newReport()];

    const stream = reporter.openStream();
    const results = await Promise.all(reports.map((report) => stream.send(report)));
    await stream.close();

    reports.forEach((report, i) => {
      assert.equal(results[i]?.reportId, report.reportId);
      assert.equal(results[i]?.outcome, ReportOutcome.ACCEPTED);
      assert.ok(service.gapMs(report.reportId) >= LimitingService.retryDelayMs - 5);
    });
  });
});
