package com.telemetry.client;

import com.telemetry.v1.IngestServiceGrpc;
import com.telemetry.v1.ReportResult;
import com.telemetry.v1.StreamReportsRequest;
import com.telemetry.v1.StreamReportsResponse;
import com.telemetry.v1.UsageReport;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One StreamReports call. {@link #send} completes with its report's final acknowledgement, matched by report_id;
 * any number of sends may be outstanding at once. Thread-safe.
 */
public final class ReportStream implements AutoCloseable {
  private final Reporter reporter;
  private final ScheduledExecutorService scheduler;
  private final Map<String, CompletableFuture<ReportResult>> waiting = new ConcurrentHashMap<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final StreamObserver<StreamReportsRequest> requests;
  private volatile Throwable error;

  ReportStream(Reporter reporter, IngestServiceGrpc.IngestServiceStub stub, ScheduledExecutorService scheduler) {
    this.reporter = reporter;
    this.scheduler = scheduler;
    if (stub == null) {
      requests = null;
      ended.countDown();
      return;
    }
    requests =
        stub.streamReports(
            new StreamObserver<>() {
              @Override
              public void onNext(StreamReportsResponse response) {
                CompletableFuture<ReportResult> future = waiting.remove(response.getResult().getReportId());
                if (future != null) {
                  future.complete(response.getResult());
                }
              }

              @Override
              public void onError(Throwable t) {
                fail(t);
              }

              @Override
              public void onCompleted() {
                fail(new IllegalStateException("the report stream is closed"));
              }
            });
  }

  /**
   * Sends report and completes with its final acknowledgement; a RATE_LIMITED or OVERLOADED report is sent again
   * on the stream after the server's retry_delay. Completes with null when opted out.
   */
  public CompletableFuture<ReportResult> send(UsageReport report) {
    if (requests == null) {
      return CompletableFuture.completedFuture(null);
    }
    return send(report, 1);
  }

  private CompletableFuture<ReportResult> send(UsageReport report, int attempt) {
    return sendOnce(report)
        .thenCompose(
            result -> {
              Optional<Duration> delay = reporter.retryPolicy().delay(result, attempt);
              if (delay.isEmpty()) {
                return CompletableFuture.completedFuture(result);
              }
              CompletableFuture<ReportResult> again = new CompletableFuture<>();
              scheduler.schedule(
                  () -> {
                    send(report, attempt + 1)
                        .whenComplete((r, t) -> {
                          if (t != null) {
                            again.completeExceptionally(t);
                          } else {
                            again.complete(r);
                          }
                        });
                  },
                  delay.get().toNanos(),
                  TimeUnit.NANOSECONDS);
              return again;
            });
  }

  private CompletableFuture<ReportResult> sendOnce(UsageReport report) {
    CompletableFuture<ReportResult> future = new CompletableFuture<>();
    if (error != null) {
      future.completeExceptionally(error);
      return future;
    }
    if (waiting.putIfAbsent(report.getReportId(), future) != null) {
      future.completeExceptionally(
          new IllegalStateException("report " + report.getReportId() + " is already awaiting its acknowledgement"));
      return future;
    }
    synchronized (requests) {
      requests.onNext(StreamReportsRequest.newBuilder().setReport(report).build());
    }
    if (error != null) {
      fail(error);
    }
    return future;
  }

  private void fail(Throwable t) {
    if (error == null) {
      error = t;
    }
    waiting.values().forEach(future -> future.completeExceptionally(error));
    waiting.clear();
    ended.countDown();
  }

  /** Half-closes the stream and waits (at most 30 seconds) for the server to end it. */
  @Override
  public void close() {
    if (requests == null) {
      return;
    }
    synchronized (requests) {
      requests.onCompleted();
    }
    try {
      ended.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
