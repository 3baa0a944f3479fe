import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { timestampNow } from "@bufbuild/protobuf/wkt";
import type { CallOptions } from "@connectrpc/connect";
import { connectIngestService, type IngestConnection } from "./client.js";
import { RequestQueue } from "./queue.js";
import {
  IngestReportsRequestSchema,
  StreamReportsRequestSchema,
  type ReportResult,
  type StreamReportsRequest,
  type StreamReportsResponse,
} from "./gen/telemetry/v1/ingest_service_pb.js";
import { InstanceIdentitySchema, UsageReportSchema, type UsageReport } from "./gen/telemetry/v1/usage_report_pb.js";
import { defaultRetryPolicy, retryDelayMs, type RetryPolicy } from "./retry.js";

/** Address used when neither the options nor TELEMETRY_ADDRESS name one. */
export const defaultAddress = "127.0.0.1:50051";

/** Report schema version of telemetry.v1. */
export const schemaVersion = 1;

/** True when the user opted out of telemetry with DO_NOT_TRACK=1. */
export function optedOut(): boolean {
  return process.env.DO_NOT_TRACK === "1";
}

export interface ReporterOptions {
  /** host:port of the ingestion service. Defaults to TELEMETRY_ADDRESS, then 127.0.0.1:50051. */
  address?: string;
  /** Identifies this process in every report. Defaults to a random UUID per Reporter. */
  instanceId?: string;
  /** Shared by every replica of one installation. Optional. */
  clusterId?: string;
  /** Defaults to defaultRetryPolicy. */
  retry?: RetryPolicy;
  /** Connects with TLS instead of plaintext. Defaults to false. */
  tls?: boolean;
}

/** Options of one send. */
export interface SendOptions {
  /** Milliseconds each call may take. */
  timeoutMs?: number;
}

/**
 * Builds and sends usage reports. The connection opens on the first send; with DO_NOT_TRACK=1 (read once, in
 * the constructor) nothing is sent and no connection is ever opened.
 */
export class Reporter {
  readonly address: string;
  readonly instanceId: string;
  readonly clusterId: string;
  readonly retry: RetryPolicy;
  readonly optedOut: boolean;
  private readonly tls: boolean;
  private connection: IngestConnection | undefined;

  constructor(options: ReporterOptions = {}) {
    this.address = options.address || process.env.TELEMETRY_ADDRESS || defaultAddress;
    this.clusterId = options.clusterId ?? "";
    this.instanceId = options.instanceId ?? (this.clusterId ? "" : randomUUID());
    this.retry = options.retry ?? defaultRetryPolicy;
    this.tls = options.tls ?? false;
    this.optedOut = optedOut();
  }

  /**
   * A report with a fresh reportId, schemaVersion 1, reportTime now and this reporter's instance identity.
   * `init` sets further fields, such as the payload: `{ payload: { case: "generic", value: {...} } }`.
   */
  newReport(init: MessageInitShape<typeof UsageReportSchema> = {}): UsageReport {
    const report = create(UsageReportSchema, init);
    report.reportId = randomUUID();
    report.schemaVersion = schemaVersion;
    report.instance ??= create(InstanceIdentitySchema);
    report.instance.clusterId ||= this.clusterId;
    report.instance.instanceId ||= this.instanceId;
    report.reportTime = timestampNow();
    return report;
  }

  /**
   * Sends reports in one unary batch and resolves to one final result per report, in order. Reports the server
   * rate-limits or finds overloaded are sent again after its retry_delay, up to the policy's attempts.
   * Resolves to [] when opted out.
   */
  async send(reports: UsageReport[], options: SendOptions = {}): Promise<ReportResult[]> {
    if (this.optedOut || reports.length === 0) {
      return [];
    }
    const { client } = this.getConnection();
    const results: ReportResult[] = new Array(reports.length);
    let pending = reports.map((_, i) => i);
    for (let attempt = 1; pending.length > 0; attempt++) {
      const request = create(IngestReportsRequestSchema, {
        requestId: randomUUID(),
        reports: pending.map((i) => reports[i]),
      });
      const response = await client.ingestReports(request, callOptions(options));
      if (response.results.length !== pending.length) {
        throw new Error(`the service answered ${response.results.length} results for ${pending.length} reports`);
      }
      const retry: number[] = [];
      let wait = 0;
      response.results.forEach((result, j) => {
        results[pending[j]] = result;
        const ms = retryDelayMs(this.retry, result, attempt);
        if (ms !== undefined) {
          retry.push(pending[j]);
          wait = Math.max(wait, ms);
        }
      });
      if (retry.length === 0 || attempt >= this.retry.maxAttempts) {
        break;
      }
      await delay(wait);
      pending = retry;
    }
    return results;
  }

  /** Opens a report stream. When opted out, the stream sends nothing. */
  openStream(): ReportStream {
    if (this.optedOut) {
      return new ReportStream(this, undefined);
    }
    const requests = new RequestQueue<StreamReportsRequest>();
    return new ReportStream(this, { requests, responses: this.getConnection().client.streamReports(requests) });
  }

  /** Closes the connection, if one was opened. */
  close(): void {
    this.connection?.close();
    this.connection = undefined;
  }

  private getConnection(): IngestConnection {
    this.connection ??= connectIngestService(this.address, this.tls);
    return this.connection;
  }
}

function callOptions(options: SendOptions): CallOptions {
  return options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
}

/** The two halves of one StreamReports call. */
interface StreamCall {
  requests: RequestQueue<StreamReportsRequest>;
  responses: AsyncIterable<StreamReportsResponse>;
}

interface Waiter {
  resolve(result: ReportResult): void;
  reject(error: Error): void;
}

/**
 * One StreamReports call. `send` resolves with its report's final acknowledgement, matched by reportId; any
 * number of sends may be awaited at once.
 */
export class ReportStream {
  private readonly waiting = new Map<string, Waiter>();
  private error: Error | undefined;
  private readonly ended: Promise<void>;

  constructor(
    private readonly reporter: Reporter,
    private readonly call: StreamCall | undefined,
  ) {
    this.ended = call ? this.receive(call.responses) : Promise.resolve();
  }

  // Reads acknowledgements until the server ends the call, handing each to the send waiting for its report.
  private async receive(responses: AsyncIterable<StreamReportsResponse>): Promise<void> {
    try {
      for await (const response of responses) {
        const id = response.result?.reportId ?? "";
        const waiter = this.waiting.get(id);
        if (waiter && response.result) {
          this.waiting.delete(id);
          waiter.resolve(response.result);
        }
      }
      this.fail(new Error("the report stream is closed"));
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /**
   * Sends report and resolves to its final acknowledgement; a RATE_LIMITED or OVERLOADED report is sent again on
   * the stream after the server's retry_delay. Resolves to undefined when opted out.
   */
  async send(report: UsageReport): Promise<ReportResult | undefined> {
    if (!this.call) {
      return undefined;
    }
    for (let attempt = 1; ; attempt++) {
      const result = await this.sendOnce(report);
      const ms = retryDelayMs(this.reporter.retry, result, attempt);
      if (ms === undefined) {
        return result;
      }
      await delay(ms);
    }
  }

  /** Half-closes the stream and waits for the server to end it. */
  async close(): Promise<void> {
    this.call?.requests.end();
    await this.ended;
  }

  private sendOnce(report: UsageReport): Promise<ReportResult> {
    return new Promise((resolve, reject) => {
      if (this.error) {
        reject(this.error);
      } else if (this.waiting.has(report.reportId)) {
        reject(new Error(`report ${report.reportId} is already awaiting its acknowledgement`));
      } else {
        this.waiting.set(report.reportId, { resolve, reject });
        this.call!.requests.push(create(StreamReportsRequestSchema, { report }));
      }
    });
  }

  private fail(error: Error): void {
    this.error ??= error;
    for (const waiter of this.waiting.values()) {
      waiter.reject(this.error);
    }
    this.waiting.clear();
  }
}
