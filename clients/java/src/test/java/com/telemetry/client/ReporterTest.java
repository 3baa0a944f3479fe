package com.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Duration;
import com.telemetry.v1.GenericReport;
import com.telemetry.v1.ReportOutcome;
import com.telemetry.v1.ReportResult;
import com.telemetry.v1.UsageReport;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
final class ReporterTest {
  private static final String UUID_V4 = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";

  private static Reporter reporter(String address, Map<String, String> environment) {
    return Reporter.builder().address(address).environment(environment::get).build();
  }

  @Test
  void newReport_freshReport_hasUuidSchemaVersionAndTime() {
    Reporter reporter = reporter("127.0.0.1:1", Map.of());
    long before = Instant.now().getEpochSecond();

    UsageReport first = reporter.newReport().setGeneric(GenericReport.newBuilder().setProduct("loki")).build();
    UsageReport second = reporter.newReport().build();

    assertTrue(first.getReportId().matches(UUID_V4), first.getReportId());
    assertNotEquals(first.getReportId(), second.getReportId());
    assertEquals(1, first.getSchemaVersion());
    assertTrue(Math.abs(first.getReportTime().getSeconds() - before) <= 2);
    assertTrue(first.getInstance().getInstanceId().matches(UUID_V4));
    assertEquals(first.getInstance().getInstanceId(), second.getInstance().getInstanceId());
    assertEquals(UsageReport.PayloadCase.GENERIC, first.getPayloadCase());
  }

  @Test
  void builder_noAddress_usesTelemetryAddressThenDefault() {
    assertEquals(Reporter.DEFAULT_ADDRESS, Reporter.builder().environment(Map.<String, String>of()::get).build().address());
    assertEquals(
        "127.0.0.1:6000",
        Reporter.builder().environment(Map.of("TELEMETRY_ADDRESS", "127.0.0.1:6000")::get).build().address());
  }

  @Test
  void send_doNotTrack_sendsNothingAndOpensNoConnection() throws Exception {
    try (CountingListener listener = new CountingListener();
        Reporter reporter = reporter(listener.address(), Map.of("DO_NOT_TRACK", "1"))) {
      List<ReportResult> results = reporter.send(reporter.newReport().build());
      ReportResult acknowledgement;
      try (ReportStream stream = reporter.openStream()) {
        acknowledgement = stream.send(reporter.newReport().build()).get(1, TimeUnit.SECONDS);
      }
      Thread.sleep(300);

      assertTrue(reporter.optedOut());
      assertEquals(List.of(), results);
      assertNull(acknowledgement);
      assertEquals(0, listener.accepted.get(), "the listener accepted a connection");
    }
  }

  @Test
  void example_doNotTrackInProcessEnvironment_opensNoConnection() throws Exception {
    String classpath = System.getProperty("telemetry.classpath");
    assertNotNull(classpath, "build.sh passes the client's class path as -Dtelemetry.classpath");
    try (CountingListener listener = new CountingListener()) {
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  classpath,
                  "com.telemetry.examples.ReportExample")
              .redirectErrorStream(true);
      builder.environment().put("DO_NOT_TRACK", "1");
      builder.environment().put("TELEMETRY_ADDRESS", listener.address());
      Process process = builder.start();
      boolean exited = process.waitFor(20, TimeUnit.SECONDS);
      if (!exited) {
        process.destroyForcibly();
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      Thread.sleep(300);

      assertTrue(exited, "the example did not exit");
      assertEquals(0, process.exitValue(), output);
      assertTrue(output.contains("DO_NOT_TRACK=1: nothing is sent"), output);
      assertEquals(0, listener.accepted.get(), "the listener accepted a connection");
    }
  }

  @Test
  void send_trackingAllowed_connectsToTheListener() throws Exception {
    // The control for the opt-out test: the same listener does see a reporter that is not opted out.
    try (CountingListener listener = new CountingListener();
        Reporter reporter =
            Reporter.builder()
                .address(listener.address())
                .environment(Map.<String, String>of()::get)
                .callTimeout(java.time.Duration.ofSeconds(2))
                .build()) {
      assertThrows(StatusRuntimeException.class, () -> reporter.send(reporter.newReport().build()));
      for (int i = 0; i < 50 && listener.accepted.get() == 0; i++) {
        Thread.sleep(100);
      }

      assertTrue(listener.accepted.get() > 0, "the listener accepted no connection");
    }
  }

  static Stream<Arguments> delayCases() {
    return Stream.of(
        Arguments.of("accepted", result(ReportOutcome.REPORT_OUTCOME_ACCEPTED, -1), 1, -1),
        Arguments.of("duplicate", result(ReportOutcome.REPORT_OUTCOME_DUPLICATE, -1), 1, -1),
        Arguments.of("rejected", result(ReportOutcome.REPORT_OUTCOME_REJECTED, 1_000), 1, -1),
        Arguments.of("rate limited uses retry_delay", result(ReportOutcome.REPORT_OUTCOME_RATE_LIMITED, 1_500), 1, 1_500),
        Arguments.of("overloaded uses retry_delay", result(ReportOutcome.REPORT_OUTCOME_OVERLOADED, 250), 2, 250),
        Arguments.of("retry_delay is capped", result(ReportOutcome.REPORT_OUTCOME_RATE_LIMITED, 3_600_000), 1, 5_000),
        Arguments.of("no retry_delay backs off", result(ReportOutcome.REPORT_OUTCOME_OVERLOADED, -1), 3, 400),
        Arguments.of("unknown outcome is retried", ReportResult.newBuilder().setOutcomeValue(42).build(), 1, 100),
        Arguments.of("attempts used up", result(ReportOutcome.REPORT_OUTCOME_RATE_LIMITED, 1_000), 4, -1));
  }

  private static ReportResult result(ReportOutcome outcome, long retryDelayMillis) {
    ReportResult.Builder result = ReportResult.newBuilder().setOutcome(outcome);
    if (retryDelayMillis >= 0) {
      result.setRetryDelay(
          Duration.newBuilder().setSeconds(retryDelayMillis / 1_000).setNanos((int) (retryDelayMillis % 1_000) * 1_000_000));
    }
    return result.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("delayCases")
  void retryPolicyDelay_outcomes(String name, ReportResult result, int attempt, long expectedMillis) {
    RetryPolicy policy = new RetryPolicy(4, java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(5));

    Optional<java.time.Duration> delay = policy.delay(result, attempt);

    assertEquals(expectedMillis < 0 ? Optional.empty() : Optional.of(java.time.Duration.ofMillis(expectedMillis)), delay);
  }

  @Test
  void send_rateLimited_sendsAgainAfterRetryDelay() throws Exception {
    try (LimitingService service = new LimitingService();
        Reporter reporter = reporter(service.address(), Map.of())) {
      List<UsageReport> reports = List.of(reporter.newReport().build(), reporter.newReport().build());

      List<ReportResult> results = reporter.send(reports);

      for (int i = 0; i < reports.size(); i++) {
        assertEquals(reports.get(i).getReportId(), results.get(i).getReportId());
        assertEquals(ReportOutcome.REPORT_OUTCOME_ACCEPTED, results.get(i).getOutcome());
        assertTrue(service.gapMillis(reports.get(i).getReportId()) >= LimitingService.RETRY_DELAY_MS - 5);
      }
    }
  }

  @Test
  void streamSend_rateLimited_sendsAgainAfterRetryDelay() throws Exception {
    try (LimitingService service = new LimitingService();
        Reporter reporter = reporter(service.address(), Map.of())) {
      List<UsageReport> reports =
          List.of(reporter.newReport().build(), reporter.newReport().build(), reporter.newReport().build());

      List<ReportResult> results;
      try (ReportStream stream = reporter.openStream()) {
        List<CompletableFuture<ReportResult>> futures = reports.stream().map(stream::send).toList();
        results = futures.stream().map(f -> f.orTimeout(10, TimeUnit.SECONDS).join()).toList();
      }

      for (int i = 0; i < reports.size(); i++) {
        assertEquals(reports.get(i).getReportId(), results.get(i).getReportId());
        assertEquals(ReportOutcome.REPORT_OUTCOME_ACCEPTED, results.get(i).getOutcome());
        assertTrue(service.gapMillis(reports.get(i).getReportId()) >= LimitingService.RETRY_DELAY_MS - 5);
      }
    }
  }
}
