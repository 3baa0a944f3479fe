package com.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import com.telemetry.v1.BuildInfo;
import com.telemetry.v1.CrashReport;
import com.telemetry.v1.MimirMetrics;
import com.telemetry.v1.MimirReport;
import com.telemetry.v1.QdrantApp;
import com.telemetry.v1.QdrantCollection;
import com.telemetry.v1.QdrantCollections;
import com.telemetry.v1.QdrantCrashReport;
import com.telemetry.v1.QdrantGrpcRequests;
import com.telemetry.v1.QdrantOperationStatistics;
import com.telemetry.v1.QdrantReport;
import com.telemetry.v1.QdrantRequests;
import com.telemetry.v1.QdrantRestRequests;
import com.telemetry.v1.QdrantStatusResponses;
import com.telemetry.v1.ReportOutcome;
import com.telemetry.v1.ReportResult;
import com.telemetry.v1.UsageReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Live tests against the ingestion service that clients/test.sh starts: TELEMETRY_ADDRESS for gRPC and
 * TELEMETRY_REDIS for its Redis buffer.
 */
@Timeout(60)
@EnabledIfEnvironmentVariable(
    named = "TELEMETRY_ADDRESS",
    matches = ".+",
    disabledReason = "TELEMETRY_ADDRESS is not set: live tests need the ingestion service (clients/test.sh starts it)")
final class LiveTest {
  private Reporter reporter;

  @BeforeEach
  void createReporter() {
    reporter =
        Reporter.builder()
            .address(System.getenv("TELEMETRY_ADDRESS"))
            .clusterId(Reporter.newUuid())
            .instanceId(Reporter.newUuid())
            .environment(name -> "DO_NOT_TRACK".equals(name) ? null : System.getenv(name))
            .build();
  }

  @AfterEach
  void closeReporter() {
    reporter.close();
  }

  private UsageReport mimirReport() {
    Instant now = Instant.now();
    Timestamp timestamp = Timestamp.newBuilder().setSeconds(now.getEpochSecond()).build();
    return reporter
        .newReport()
        .setTarget("all")
        .setEdition("oss")
        .setBuild(BuildInfo.newBuilder().setVersion("2.14.0").setBuildUser("someone@build-host"))
        .setMimir(
            MimirReport.newBuilder()
                .setClusterId(reporter.clusterId())
                .setCreatedAt(timestamp)
                .setInterval(timestamp)
                .setIntervalPeriod(14400)
                .setTarget("all")
                .setOs("linux")
                .setArch("amd64")
                .setEdition("oss")
                .setMetrics(MimirMetrics.newBuilder().setNumGoroutine(120).setBlocksStorageBackend("filesystem")))
        .build();
  }

  @Test
  void ingestReports_freshReport_acceptedThenDuplicate() throws Exception {
    UsageReport report = mimirReport();

    List<ReportResult> first = reporter.send(report);
    List<ReportResult> again = reporter.send(report);

    assertEquals(1, first.size());
    assertEquals(report.getReportId(), first.get(0).getReportId());
    assertEquals(ReportOutcome.REPORT_OUTCOME_ACCEPTED, first.get(0).getOutcome());
    assertEquals(1, again.size());
    assertEquals(report.getReportId(), again.get(0).getReportId());
    assertEquals(ReportOutcome.REPORT_OUTCOME_DUPLICATE, again.get(0).getOutcome());
  }

  @Test
  void streamReports_severalReports_oneAcknowledgementPerReport() throws Exception {
    List<UsageReport> reports = List.of(mimirReport(), mimirReport(), mimirReport(), mimirReport(), mimirReport());

    List<ReportResult> results;
    try (ReportStream stream = reporter.openStream()) {
      List<CompletableFuture<ReportResult>> futures = reports.stream().map(stream::send).toList();
      results = futures.stream().map(f -> f.orTimeout(20, TimeUnit.SECONDS).join()).toList();
    }

    for (int i = 0; i < reports.size(); i++) {
      assertEquals(reports.get(i).getReportId(), results.get(i).getReportId());
      assertEquals(ReportOutcome.REPORT_OUTCOME_ACCEPTED, results.get(i).getOutcome());
    }
  }

  @Test
  void ingestReports_acceptedReport_reachesTheRedisBuffer() throws Exception {
    String redisAddress = System.getenv("TELEMETRY_REDIS");
    assertNotNull(redisAddress, "TELEMETRY_REDIS is not set; clients/test.sh sets it with TELEMETRY_ADDRESS");
    UsageReport report = mimirReport();
    long sentMillis = System.currentTimeMillis();

    List<ReportResult> results = reporter.send(report);
    assertEquals(ReportOutcome.REPORT_OUTCOME_ACCEPTED, results.get(0).getOutcome());
    Map<String, byte[]> entry = findBufferedReport(redisAddress, report.getReportId(), Duration.ofSeconds(5));

    assertTrue(text(entry.get("product")).toLowerCase(Locale.ROOT).contains("mimir"), text(entry.get("product")));
    assertTrue(Math.abs(Long.parseLong(text(entry.get("arrival_ms"))) - sentMillis) < 60_000, "arrival_ms is not around the send");
    UsageReport buffered = UsageReport.parseFrom(entry.get("report"));
    assertEquals(report.getReportId(), buffered.getReportId());
    assertEquals(1, buffered.getSchemaVersion());
    assertEquals(report.getInstance().getInstanceId(), buffered.getInstance().getInstanceId());
    assertEquals(UsageReport.PayloadCase.MIMIR, buffered.getPayloadCase());
    assertEquals(report.getMimir().getClusterId(), buffered.getMimir().getClusterId());
    assertEquals("filesystem", buffered.getMimir().getMetrics().getBlocksStorageBackend());
    assertEquals("", buffered.getBuild().getBuildUser(), "privacy.proto marks build.build_user NEVER_STORED");
  }

  /**
   * A Qdrant report with repeated fields, maps keyed by data (routes, status codes) and a crash report, as the Go,
   * Python and TypeScript live tests build it.
   */
  private UsageReport qdrantFieldsReport() {
    UsageReport.Builder report = reporter.newReport();
    String id = report.getInstance().getInstanceId();
    return report
        .setQdrant(
            QdrantReport.newBuilder()
                .setId(id)
                .setApp(QdrantApp.newBuilder().setName("qdrant").setVersion("1.19.0"))
                .setCollections(
                    QdrantCollections.newBuilder()
                        .setNumberOfCollections(2)
                        .addCollections(QdrantCollection.newBuilder().setId("products"))
                        .addCollections(QdrantCollection.newBuilder().setId("reviews")))
                .setRequests(
                    QdrantRequests.newBuilder()
                        .setRest(QdrantRestRequests.newBuilder().putResponses("GET /collections", statuses(200, 42)))
                        .setGrpc(QdrantGrpcRequests.newBuilder().putResponses("/qdrant.Points/Search", statuses(0, 7))))
                .addCrashReports(
                    QdrantCrashReport.newBuilder()
                        .setId(id)
                        .setError("collection products is broken")
                        .setBacktrace(" in file lib/segment/src/index.rs at line 42")))
        .build();
  }

  private static QdrantStatusResponses statuses(int status, long count) {
    return QdrantStatusResponses.newBuilder()
        .putStatuses(status, QdrantOperationStatistics.newBuilder().setCount(count).build())
        .build();
  }

  private UsageReport sendAndFetch(UsageReport report) throws Exception {
    String redisAddress = System.getenv("TELEMETRY_REDIS");
    assertNotNull(redisAddress, "TELEMETRY_REDIS is not set; clients/test.sh sets it with TELEMETRY_ADDRESS");
    assertEquals(ReportOutcome.REPORT_OUTCOME_ACCEPTED, reporter.send(report).get(0).getOutcome());
    return UsageReport.parseFrom(findBufferedReport(redisAddress, report.getReportId(), Duration.ofSeconds(5)).get("report"));
  }

  @Test
  void qdrantReport_repeatedFieldsAndDataKeyedMaps_areStored() throws Exception {
    QdrantReport stored = sendAndFetch(qdrantFieldsReport()).getQdrant();

    List<QdrantCollection> collections = stored.getCollections().getCollectionsList();
    assertEquals(2, collections.size());
    for (QdrantCollection collection : collections) {
      assertTrue(collection.getId().matches("[0-9a-f]{32}"), "a keyed hash of the name: " + collection.getId());
    }
    assertNotEquals(collections.get(0).getId(), collections.get(1).getId());
    assertEquals(42, stored.getRequests().getRest().getResponsesOrThrow("GET /collections").getStatusesOrThrow(200).getCount());
    assertEquals(7, stored.getRequests().getGrpc().getResponsesOrThrow("/qdrant.Points/Search").getStatusesOrThrow(0).getCount());
    assertEquals(1, stored.getCrashReportsCount());
    assertEquals(" in file lib/segment/src/index.rs at line 42", stored.getCrashReports(0).getBacktrace());
    assertEquals("", stored.getCrashReports(0).getError(), "privacy.proto marks error NEVER_STORED");
  }

  @Test
  void mimirCrashReport_sharedCrashField_isStored() throws Exception {
    CrashReport crash =
        CrashReport.newBuilder()
            .setErrorType("runtime.Error")
            .setSourceFile("ingester.go")
            .setSourceLine(812)
            .setFunction("ingester.(*Ingester).Push")
            .build();
    UsageReport report = mimirReport();
    report = report.toBuilder().setMimir(report.getMimir().toBuilder().clearMetrics().setCrash(crash)).build();

    UsageReport stored = sendAndFetch(report);

    assertEquals(crash, stored.getMimir().getCrash());
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }

  /** Fields of the entry with reportId in telemetry:v1:{shard-N}:reports (N = 0..3). */
  @SuppressWarnings("unchecked")
  private static Map<String, byte[]> findBufferedReport(String redisAddress, String reportId, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (RespClient redis = new RespClient(redisAddress)) {
      while (true) {
        for (int shard = 0; shard < 4; shard++) {
          String key = "telemetry:v1:{shard-" + shard + "}:reports";
          List<Object> entries = (List<Object>) redis.command("XRANGE", key, "-", "+");
          for (Object entry : entries == null ? List.of() : entries) {
            List<Object> flat = (List<Object>) ((List<Object>) entry).get(1);
            Map<String, byte[]> fields = new HashMap<>();
            for (int i = 0; i + 1 < flat.size(); i += 2) {
              fields.put(text((byte[]) flat.get(i)), (byte[]) flat.get(i + 1));
            }
            if (reportId.equals(text(fields.get("report_id")))) {
              return fields;
            }
          }
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no entry with report_id " + reportId + " in telemetry:v1:{shard-0..3}:reports");
        }
        Thread.sleep(100);
      }
    }
  }
}
