import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { create } from "@bufbuild/protobuf";
import { ingestServiceDefinition } from "../src/index.js";
import { IngestReportsRequestSchema, type IngestReportsRequest } from "../src/gen/telemetry/v1/ingest_service_pb.js";

describe("ingestServiceDefinition", () => {
  test("every method of the generated IngestService descriptor, with its path and streaming kind", () => {
    const methods = Object.fromEntries(
      Object.entries(ingestServiceDefinition).map(([name, m]) => [name, [m.path, m.requestStream, m.responseStream]]),
    );

    assert.deepEqual(methods, {
      ingestReports: ["/telemetry.v1.IngestService/IngestReports", false, false],
      streamReports: ["/telemetry.v1.IngestService/StreamReports", true, true],
    });
  });

  test("requests round-trip through the definition's serializers as protobuf", () => {
    const definition = ingestServiceDefinition.ingestReports;
    const request = create(IngestReportsRequestSchema, { requestId: "5f0c6c58-1f0e-4c53-9d43-3d7d2f2b7a10" });

    const bytes = definition.requestSerialize(request);
    const parsed = definition.requestDeserialize(bytes) as IngestReportsRequest;

    assert.equal(parsed.requestId, request.requestId);
    assert.equal(bytes.length, 38);
  });
});
