import * as http2 from "node:http2";
import * as net from "node:net";
import { create } from "@bufbuild/protobuf";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import {
  IngestReportsResponseSchema,
  IngestService,
  ReportOutcome,
  ReportResultSchema,
  StreamReportsResponseSchema,
  type IngestReportsRequest,
  type ReportResult,
  type StreamReportsRequest,
} from "../src/gen/telemetry/v1/ingest_service_pb.js";
import type { UsageReport } from "../src/gen/telemetry/v1/usage_report_pb.js";

/** Accepts TCP connections on a free loopback port and counts them. */
export class CountingListener {
  accepted = 0;
  private readonly sockets: net.Socket[] = [];
  private readonly server = net.createServer((socket) => {
    this.accepted++;
    this.sockets.push(socket);
    socket.on("error", () => {});
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/**
 * An in-process IngestService that answers the first send of every report with RATE_LIMITED (retry_delay 200 ms)
 * and later sends with ACCEPTED, recording when each send arrived.
 */
export class LimitingService {
  static readonly retryDelayMs = 200;
  readonly sends = new Map<string, number[]>();
  private readonly server = http2.createServer();
  private readonly sessions = new Set<http2.ServerHttp2Session>();

  private answer(report: UsageReport | undefined): ReportResult {
    const id = report?.reportId ?? "";
    const sends = this.sends.get(id) ?? [];
    sends.push(performance.now());
    this.sends.set(id, sends);
    if (sends.length === 1) {
      return create(ReportResultSchema, {
        reportId: id,
        outcome: ReportOutcome.RATE_LIMITED,
        reason: "slow down",
        retryDelay: { seconds: 0n, nanos: LimitingService.retryDelayMs * 1_000_000 },
      });
    }
    return create(ReportResultSchema, { reportId: id, outcome: ReportOutcome.ACCEPTED });
  }

  /** Serves IngestService over gRPC (Connect's Node adapter, HTTP/2 without TLS) on a free loopback port. */
  async start(): Promise<string> {
    const answer = (report: UsageReport | undefined) => this.answer(report);
    const handler = connectNodeAdapter({
      routes: (router) =>
        router.service(IngestService, {
          ingestReports: (request: IngestReportsRequest) =>
            create(IngestReportsResponseSchema, { results: request.reports.map((r) => this.answer(r)) }),
          streamReports: async function* (requests: AsyncIterable<StreamReportsRequest>) {
            for await (const request of requests) {
              yield create(StreamReportsResponseSchema, { result: answer(request.report) });
            }
          },
        }),
    });
    this.server.on("request", handler);
    this.server.on("session", (session) => {
      this.sessions.add(session);
      session.on("close", () => this.sessions.delete(session));
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  gapMs(reportId: string): number {
    const sends = this.sends.get(reportId) ?? [];
    if (sends.length !== 2) {
      throw new Error(`report ${reportId} was sent ${sends.length} times; want 2`);
    }
    return sends[1] - sends[0];
  }

  stop(): void {
    for (const session of this.sessions) session.destroy();
    this.server.close();
  }
}

export type RespValue = string | Buffer | number | null | RespValue[];

/** Sends one Redis command at a time and parses the reply (RESP2); bulk strings come back as Buffers. */
export class RespClient {
  private buffer = Buffer.alloc(0);
  private pending: ((value: RespValue | Error) => void) | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.on("data", (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.tryResolve();
    });
    socket.on("error", (error) => this.pending?.(error));
  }

  static connect(address: string): Promise<RespClient> {
    const [host, port] = [address.slice(0, address.lastIndexOf(":")), Number(address.slice(address.lastIndexOf(":") + 1))];
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port }, () => resolve(new RespClient(socket)));
      socket.once("error", reject);
    });
  }

  command(...args: string[]): Promise<RespValue> {
    let wire = `*${args.length}\r\n`;
    for (const arg of args) wire += `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("Redis did not answer within 5 s")), 5_000);
      this.pending = (value) => {
        clearTimeout(timer);
        this.pending = undefined;
        value instanceof Error ? reject(value) : resolve(value);
      };
      this.socket.write(wire);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private tryResolve(): void {
    if (!this.pending) return;
    const parsed = parse(this.buffer, 0);
    if (parsed) {
      this.buffer = this.buffer.subarray(parsed.next);
      this.pending(parsed.value);
    }
  }
}

function parse(buffer: Buffer, offset: number): { value: RespValue | Error; next: number } | undefined {
  const end = buffer.indexOf("\r\n", offset);
  if (end < 0) return undefined;
  const kind = String.fromCharCode(buffer[offset]);
  const body = buffer.toString("utf8", offset + 1, end);
  const next = end + 2;
  switch (kind) {
    case "+":
      return { value: body, next };
    case "-":
      return { value: new Error(`redis: ${body}`), next };
    case ":":
      return { value: Number(body), next };
    case "$": {
      const n = Number(body);
      if (n < 0) return { value: null, next };
      if (buffer.length < next + n + 2) return undefined;
      return { value: buffer.subarray(next, next + n), next: next + n + 2 };
    }
    case "*": {
      const n = Number(body);
      if (n < 0) return { value: null, next };
      const items: RespValue[] = [];
      let position = next;
      for (let i = 0; i < n; i++) {
        const item = parse(buffer, position);
        if (!item) return undefined;
        if (item.value instanceof Error) return item;
        items.push(item.value);
        position = item.next;
      }
      return { value: items, next: position };
    }
  }
  return { value: new Error(`unexpected Redis reply ${JSON.stringify(body)}`), next };
}
