package com.telemetry.examples;

import com.telemetry.client.ReportStream;
import com.telemetry.client.Reporter;
import com.telemetry.v1.Environment;
import com.telemetry.v1.GenericReport;
import com.telemetry.v1.MetricValue;
import com.telemetry.v1.ReportResult;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;

/**
 * Sends one GenericReport to a locally running ingestion service, unary and then on a stream, and prints the
 * answers. The address comes from TELEMETRY_ADDRESS (default 127.0.0.1:50051); DO_NOT_TRACK=1 sends nothing.
 */
public final class ReportExample {
  private ReportExample() {}

  public static void main(String[] args) throws Exception {
    try (Reporter reporter = Reporter.builder().build()) {
      if (reporter.optedOut()) {
        System.out.println("DO_NOT_TRACK=1: nothing is sent");
        return;
      }
      GenericReport generic =
          GenericReport.newBuilder()
              .setProduct("example")
              .putMetrics("storage_backend", MetricValue.newBuilder().setStringValue("filesystem").build())
              .putMetrics("tenants", MetricValue.newBuilder().setIntValue(3).build())
              .build();
      Environment environment =
          Environment.newBuilder()
              .setOs(System.getProperty("os.name").toLowerCase())
              .setArch(System.getProperty("os.arch"))
              .setLogicalCpus(Runtime.getRuntime().availableProcessors())
              .build();
      for (ReportResult result :
          reporter.send(
              reporter.newReport().setTarget("all").setEdition("oss").setEnvironment(environment).setGeneric(generic).build())) {
        System.out.printf("unary  %s %s %s%n", result.getReportId(), result.getOutcome(), result.getReason());
      }
      try (ReportStream stream = reporter.openStream()) {
        ReportResult result = stream.send(reporter.newReport().setGeneric(generic).build()).get(30, TimeUnit.SECONDS);
        System.out.printf("stream %s %s %s%n", result.getReportId(), result.getOutcome(), result.getReason());
      }
    } catch (StatusRuntimeException e) {
      System.err.println("ReportExample: " + e.getStatus().getCode() + ": " + e.getStatus().getDescription());
      System.exit(1);
    }
  }
}
