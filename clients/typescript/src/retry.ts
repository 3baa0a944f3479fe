import type { ReportResult } from "./gen/telemetry/v1/ingest_service_pb.js";
import { ReportOutcome } from "./gen/telemetry/v1/ingest_service_pb.js";

/** Decides whether and when a report is sent again. */
export interface RetryPolicy {
  /** How often one report is sent at most, the first send included. */
  maxAttempts: number;
  /** Wait before the second attempt when the server gives no retry_delay; doubles with every attempt. */
  baseDelayMs: number;
  /** Cap on every wait, including the server's retry_delay. */
  maxDelayMs: number;
}

/** At most 5 sends, waits of at most one minute. */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 };

const final = new Set<ReportOutcome>([ReportOutcome.ACCEPTED, ReportOutcome.DUPLICATE, ReportOutcome.REJECTED]);

/**
 * Milliseconds to wait before sending the report of `result` again after `attempt` (1 for the first send), or
 * undefined when it must not be sent again: accepted, duplicate, rejected, or out of attempts. RATE_LIMITED and
 * OVERLOADED wait the server's retry_delay; an unknown outcome is retried later, as the contract asks.
 */
export function retryDelayMs(policy: RetryPolicy, result: ReportResult, attempt: number): number | undefined {
  if (final.has(result.outcome) || attempt >= Math.max(policy.maxAttempts, 1)) {
    return undefined;
  }
  const server = result.retryDelay;
  const serverMs = server ? Number(server.seconds) * 1_000 + server.nanos / 1_000_000 : 0;
  const wait = serverMs > 0 ? serverMs : policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(wait, policy.maxDelayMs);
}
