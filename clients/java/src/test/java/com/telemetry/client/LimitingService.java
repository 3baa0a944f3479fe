package com.telemetry.client;

import com.google.protobuf.Duration;
import com.telemetry.v1.IngestReportsRequest;
import com.telemetry.v1.IngestReportsResponse;
import com.telemetry.v1.IngestServiceGrpc;
import com.telemetry.v1.ReportOutcome;
import com.telemetry.v1.ReportResult;
import com.telemetry.v1.StreamReportsRequest;
import com.telemetry.v1.StreamReportsResponse;
import com.telemetry.v1.UsageReport;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An in-process IngestService that answers the first send of every report with RATE_LIMITED (retry_delay 200 ms)
 * and later sends with ACCEPTED, recording when each send arrived.
 */
final class LimitingService extends IngestServiceGrpc.IngestServiceImplBase implements AutoCloseable {
  static final long RETRY_DELAY_MS = 200;
  private final Map<String, List<Long>> sends = new ConcurrentHashMap<>();
  private final Server server;

  LimitingService() throws Exception {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(this).build().start();
  }

  String address() {
    return "127.0.0.1:" + server.getPort();
  }

  private ReportResult answer(UsageReport report) {
    List<Long> times = sends.computeIfAbsent(report.getReportId(), id -> new ArrayList<>());
    int count;
    synchronized (times) {
      times.add(System.nanoTime());
      count = times.size();
    }
    ReportResult.Builder result = ReportResult.newBuilder().setReportId(report.getReportId());
    if (count == 1) {
      return result
          .setOutcome(ReportOutcome.REPORT_OUTCOME_RATE_LIMITED)
          .setReason("slow down")
          .setRetryDelay(Duration.newBuilder().setNanos((int) TimeUnit.MILLISECONDS.toNanos(RETRY_DELAY_MS)))
          .build();
    }
    return result.setOutcome(ReportOutcome.REPORT_OUTCOME_ACCEPTED).build();
  }

  @Override
  public void ingestReports(IngestReportsRequest request, StreamObserver<IngestReportsResponse> responses) {
    IngestReportsResponse.Builder response = IngestReportsResponse.newBuilder();
    request.getReportsList().forEach(report -> response.addResults(answer(report)));
    responses.onNext(response.build());
    responses.onCompleted();
  }

  @Override
  public StreamObserver<StreamReportsRequest> streamReports(StreamObserver<StreamReportsResponse> responses) {
    return new StreamObserver<>() {
      @Override
      public void onNext(StreamReportsRequest request) {
        synchronized (responses) {
          responses.onNext(StreamReportsResponse.newBuilder().setResult(answer(request.getReport())).build());
        }
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        synchronized (responses) {
          responses.onCompleted();
        }
      }
    };
  }

  /** Milliseconds between the first and the second send of a report. */
  long gapMillis(String reportId) {
    List<Long> times = sends.getOrDefault(reportId, List.of());
    synchronized (times) {
      if (times.size() != 2) {
        throw new AssertionError("report " + reportId + " was sent " + times.size() + " times; want 2");
      }
      return TimeUnit.NANOSECONDS.toMillis(times.get(1) - times.get(0));
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
