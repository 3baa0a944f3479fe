package com.telemetry.client;

import com.telemetry.v1.ReportOutcome;
import com.telemetry.v1.ReportResult;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether and when a report is sent again.
 *
 * @param maxAttempts how often one report is sent at most, the first send included
 * @param baseDelay the wait before the second attempt when the server gives no retry_delay; it doubles with every
 *     further attempt
 * @param maxDelay the cap on every wait, including the server's retry_delay
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  /** At most 5 sends, waits of at most one minute. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(1));

  /**
   * How long to wait before sending the report of {@code result} again after {@code attempt} (1 for the first
   * send), or empty when it must not be sent again: accepted, duplicate, rejected, or out of attempts.
   * RATE_LIMITED and OVERLOADED wait the server's retry_delay; an unknown outcome is retried later, as the
   * contract asks.
   */
  public Optional<Duration> delay(ReportResult result, int attempt) {
    ReportOutcome outcome = result.getOutcome();
    if (outcome == ReportOutcome.REPORT_OUTCOME_ACCEPTED
        || outcome == ReportOutcome.REPORT_OUTCOME_DUPLICATE
        || outcome == ReportOutcome.REPORT_OUTCOME_REJECTED
        || attempt >= Math.max(maxAttempts, 1)) {
      return Optional.empty();
    }
    Duration wait;
    if (result.hasRetryDelay()
        && (result.getRetryDelay().getSeconds() > 0 || result.getRetryDelay().getNanos() > 0)) {
      wait = Duration.ofSeconds(result.getRetryDelay().getSeconds(), result.getRetryDelay().getNanos());
    } else {
      wait = baseDelay;
      for (int i = 1; i < attempt && wait.compareTo(maxDelay) < 0; i++) {
        wait = wait.multipliedBy(2);
      }
    }
    return Optional.of(wait.compareTo(maxDelay) > 0 ? maxDelay : wait);
  }
}
