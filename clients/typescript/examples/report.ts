// Sends one GenericReport to a locally running ingestion service, unary and then on a stream, and prints the
// answers. The address comes from TELEMETRY_ADDRESS (default 127.0.0.1:50051); DO_NOT_TRACK=1 sends nothing.
//
//   cd clients/typescript && npm run build && npm run example
import { arch, availableParallelism, platform } from "node:os";
import { create } from "@bufbuild/protobuf";
import { GenericReportSchema, Reporter, ReportOutcome } from "../src/index.js";

async function main(): Promise<void> {
  const reporter = new Reporter();
  try {
    if (reporter.optedOut) {
      console.log("DO_NOT_TRACK=1: nothing is sent");
      return;
    }
    const generic = create(GenericReportSchema, {
      product: "example",
      metrics: {
        storage_backend: { kind: { case: "stringValue", value: "filesystem" } },
        tenants: { kind: { case: "intValue", value: 3n } },
      },
    });
    const report = reporter.newReport({
      target: "all",
      edition: "oss",
      environment: { os: platform(), arch: arch(), logicalCpus: availableParallelism() },
      payload: { case: "generic", value: generic },
    });
    for (const result of await reporter.send([report], { timeoutMs: 30_000 })) {
      console.log("unary ", result.reportId, ReportOutcome[result.outcome], result.reason);
    }
    const stream = reporter.openStream();
    const result = await stream.send(reporter.newReport({ payload: { case: "generic", value: generic } }));
    console.log("stream", result?.reportId, result && ReportOutcome[result.outcome], result?.reason);
    await stream.close();
  } finally {
    reporter.close();
  }
}

main().catch((error: Error) => {
  console.error(`report: ${error.message}`);
  process.exitCode = 1;
});
