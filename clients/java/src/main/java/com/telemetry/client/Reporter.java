package com.telemetry.client;

import com.google.protobuf.Timestamp;
import com.telemetry.v1.IngestReportsRequest;
import com.telemetry.v1.IngestReportsResponse;
import com.telemetry.v1.IngestServiceGrpc;
import com.telemetry.v1.InstanceIdentity;
import com.telemetry.v1.ReportResult;
import com.telemetry.v1.UsageReport;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Builds and sends usage reports to the Telemetry ingestion service.
 *
 * <p>The channel is created on the first send. With {@code DO_NOT_TRACK=1} (read once, when the reporter is
 * built) nothing is sent and no connection is ever opened. Thread-safe.
 */
public final class Reporter implements AutoCloseable {
  /** The address used when neither the builder nor {@code TELEMETRY_ADDRESS} names one. */
  public static final String DEFAULT_ADDRESS = "127.0.0.1:50051";

  /** The report schema version of telemetry.v1. */
  public static final int SCHEMA_VERSION = 1;

  private final String address;
  private final String instanceId;
  private final String clusterId;
  private final RetryPolicy retryPolicy;
  private final Duration callTimeout;
  private final boolean optedOut;
  private ManagedChannel channel;
  private ScheduledExecutorService scheduler;

  private Reporter(Builder builder) {
    String fromEnvironment = builder.environment.apply("TELEMETRY_ADDRESS");
    this.address =
        builder.address != null
            ? builder.address
            : fromEnvironment != null && !fromEnvironment.isEmpty() ? fromEnvironment : DEFAULT_ADDRESS;
    this.clusterId = builder.clusterId;
    this.instanceId =
        builder.instanceId != null ? builder.instanceId : clusterId.isEmpty() ? newUuid() : "";
    this.retryPolicy = builder.retryPolicy;
    this.callTimeout = builder.callTimeout;
    this.optedOut = "1".equals(builder.environment.apply("DO_NOT_TRACK"));
  }

  /** Returns a builder; every setting has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The service address, host:port. */
  public String address() {
    return address;
  }

  /** The instance id every report carries. */
  public String instanceId() {
    return instanceId;
  }

  /** The cluster id every report carries, or "". */
  public String clusterId() {
    return clusterId;
  }

  /** True when this reporter sends nothing because of {@code DO_NOT_TRACK=1}. */
  public boolean optedOut() {
    return optedOut;
  }

  RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /**
   * A report builder with a fresh report_id, schema_version 1, report_time now and this reporter's instance
   * identity. Set the payload, such as {@code setGeneric(...)}, and build it.
   */
  public UsageReport.Builder newReport() {
    Instant now = Instant.now();
    return UsageReport.newBuilder()
        .setReportId(newUuid())
        .setSchemaVersion(SCHEMA_VERSION)
        .setInstance(InstanceIdentity.newBuilder().setClusterId(clusterId).setInstanceId(instanceId))
        .setReportTime(
            Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build());
  }

  /** See {@link #send(List)}. */
  public List<ReportResult> send(UsageReport... reports) throws InterruptedException {
    return send(Arrays.asList(reports));
  }

  /**
   * Sends reports in one unary batch and returns one final result per report, in order. Reports the server
   * rate-limits or finds overloaded are sent again after its retry_delay, up to the policy's attempts. Returns
   * an empty list when opted out.
   *
   * @throws io.grpc.StatusRuntimeException when a call fails
   */
  public List<ReportResult> send(List<UsageReport> reports) throws InterruptedException {
    if (optedOut || reports.isEmpty()) {
      return List.of();
    }
    ReportResult[] results = new ReportResult[reports.size()];
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      pending.add(i);
    }
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      IngestReportsRequest.Builder request = IngestReportsRequest.newBuilder().setRequestId(newUuid());
      pending.forEach(i -> request.addReports(reports.get(i)));
      IngestReportsResponse response =
          IngestServiceGrpc.newBlockingStub(channel())
              .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
              .ingestReports(request.build());
      if (response.getResultsCount() != pending.size()) {
        throw new IllegalStateException(
            "the service answered " + response.getResultsCount() + " results for " + pending.size() + " reports");
      }
      List<Integer> retry = new ArrayList<>();
      Duration wait = Duration.ZERO;
      for (int j = 0; j < pending.size(); j++) {
        ReportResult result = response.getResults(j);
        results[pending.get(j)] = result;
        Optional<Duration> delay = retryPolicy.delay(result, attempt);
        if (delay.isPresent()) {
          retry.add(pending.get(j));
          wait = delay.get().compareTo(wait) > 0 ? delay.get() : wait;
        }
      }
      if (retry.isEmpty() || attempt >= retryPolicy.maxAttempts()) {
        break;
      }
      Thread.sleep(wait.toMillis());
      pending = retry;
    }
    return List.of(results);
  }

  /** Opens a report stream. When opted out, the stream sends nothing. */
  public ReportStream openStream() {
    if (optedOut) {
      return new ReportStream(this, null, null);
    }
    return new ReportStream(this, IngestServiceGrpc.newStub(channel()), scheduler());
  }

  /** Shuts the channel down, if one was created. */
  @Override
  public synchronized void close() {
    if (channel != null) {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      channel = null;
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  private synchronized ManagedChannel channel() {
    if (channel == null) {
      channel = ManagedChannelBuilder.forTarget(address).usePlaintext().build();
    }
    return channel;
  }

  private synchronized ScheduledExecutorService scheduler() {
    if (scheduler == null) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "telemetry-retry");
                thread.setDaemon(true);
                return thread;
              });
    }
    return scheduler;
  }

  /** A random (version 4) UUID, lower-case and hyphenated. */
  public static String newUuid() {
    return UUID.randomUUID().toString();
  }

  /** Configures a {@link Reporter}. */
  public static final class Builder {
    private String address;
    private String instanceId;
    private String clusterId = "";
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Duration callTimeout = Duration.ofSeconds(30);
    private Function<String, String> environment = System::getenv;

    private Builder() {}

    /** host:port of the service. Defaults to {@code TELEMETRY_ADDRESS}, then {@value #DEFAULT_ADDRESS}. */
    public Builder address(String address) {
      this.address = address;
      return this;
    }

    /** Identifies this process in every report. Defaults to a random UUID per reporter. */
    public Builder instanceId(String instanceId) {
      this.instanceId = instanceId;
      return this;
    }

    /** Shared by every replica of one installation. Optional. */
    public Builder clusterId(String clusterId) {
      this.clusterId = clusterId;
      return this;
    }

    /** Defaults to {@link RetryPolicy#DEFAULT}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /** Deadline of each unary call. Defaults to 30 seconds. */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
      return this;
    }

    /**
     * Where {@code TELEMETRY_ADDRESS} and {@code DO_NOT_TRACK} are read from. Defaults to the process
     * environment; embedders and tests pass their own.
     */
    public Builder environment(Function<String, String> environment) {
      this.environment = environment;
      return this;
    }

    /** Builds the reporter; it reads the environment here. */
    public Reporter build() {
      return new Reporter(this);
    }
  }
}
