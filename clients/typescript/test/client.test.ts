import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { connectIngestService, RequestQueue } from "../src/index.js";
import { IngestService } from "../src/gen/telemetry/v1/ingest_service_pb.js";

describe("connectIngestService", () => {
  test("the client has a method for every method of the generated IngestService descriptor", () => {
    const connection = connectIngestService("127.0.0.1:9");
    try {
      const methods = Object.fromEntries(IngestService.methods.map((m) => [m.localName, [m.name, m.methodKind]]));

      assert.deepEqual(methods, { ingestReports: ["IngestReports", "unary"], streamReports: ["StreamReports", "bidi_streaming"] });
      for (const name of Object.keys(methods)) {
        assert.equal(typeof (connection.client as Record<string, unknown>)[name], "function", name);
      }
    } finally {
      connection.close();
    }
  });
});

describe("RequestQueue", () => {
  test("yields what is pushed, in order, including what is pushed while it waits, and ends on end()", async () => {
    const queue = new RequestQueue<number>();
    queue.push(1);
    const read = (async () => {
      const items: number[] = [];
      for await (const item of queue) items.push(item);
      return items;
    })();

    await new Promise((resolve) => setImmediate(resolve));
    queue.push(2);
    queue.push(3);
    queue.end();
    queue.push(4);

    assert.deepEqual(await read, [1, 2, 3]);
  });
});
