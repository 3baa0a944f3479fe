package reporter

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	telemetryv1 "telemetry/clients/go/gen/telemetry/v1"
)

// The live tests run against the ingestion service that clients/test.sh starts, at TELEMETRY_ADDRESS, with
// its Redis buffer at TELEMETRY_REDIS.

func liveReporter(t *testing.T) *Reporter {
	t.Helper()
	address := os.Getenv("TELEMETRY_ADDRESS")
	if address == "" {
		t.Skip("TELEMETRY_ADDRESS is not set: live tests need the ingestion service (clients/test.sh starts it)")
	}
	t.Setenv("DO_NOT_TRACK", "")
	r := New(Config{Address: address, ClusterID: NewUUID(), InstanceID: NewUUID()})
	t.Cleanup(func() { r.Close() })
	return r
}

func mimirReport(r *Reporter) *telemetryv1.UsageReport {
	report := r.NewReport()
	report.Target = "all"
	report.Edition = "oss"
	report.Build = &telemetryv1.BuildInfo{Version: "2.14.0", BuildUser: "someone@build-host"}
	report.Payload = &telemetryv1.UsageReport_Mimir{Mimir: &telemetryv1.MimirReport{
		ClusterId:      report.GetInstance().GetClusterId(),
		CreatedAt:      timestamppb.New(time.Now().Add(-time.Hour)),
		Interval:       timestamppb.New(time.Now().Truncate(4 * time.Hour)),
		IntervalPeriod: 14400,
		Target:         "all",
		Os:             "linux",
		Arch:           "amd64",
		Edition:        "oss",
		Metrics:        &telemetryv1.MimirMetrics{NumGoroutine: 120, BlocksStorageBackend: "filesystem"},
	}}
	return report
}

func liveContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestLive_IngestReports_FreshReportAcceptedThenDuplicate(t *testing.T) {
	r := liveReporter(t)
	ctx := liveContext(t)
	report := mimirReport(r)

	first, err := r.Send(ctx, report)
	if err != nil {
		t.Fatal(err)
	}
	again, err := r.Send(ctx, report)
	if err != nil {
		t.Fatal(err)
	}

	if len(first) != 1 || first[0].GetReportId() != report.GetReportId() || first[0].GetOutcome() != telemetryv1.ReportOutcome_REPORT_OUTCOME_ACCEPTED {
		t.Errorf("first send: %v; want ACCEPTED for %s", first, report.GetReportId())
	}
	if len(again) != 1 || again[0].GetReportId() != report.GetReportId() || again[0].GetOutcome() != telemetryv1.ReportOutcome_REPORT_OUTCOME_DUPLICATE {
		t.Errorf("second send of the same report_id: %v; want DUPLICATE", again)
	}
}

func TestLive_StreamReports_OneAcknowledgementPerReport(t *testing.T) {
	r := liveReporter(t)
	ctx := liveContext(t)
	stream, err := r.OpenStream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reports := make([]*telemetryv1.UsageReport, 5)
	for i := range reports {
		reports[i] = mimirReport(r)
	}

	results := make([]*telemetryv1.ReportResult, len(reports))
	errs := make([]error, len(reports))
	var wg sync.WaitGroup
	for i := range reports {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i], errs[i] = stream.Send(ctx, reports[i])
		}(i)
	}
	wg.Wait()
	closeErr := stream.Close()

	for i, report := range reports {
		if errs[i] != nil {
			t.Errorf("report %d: %v", i, errs[i])
			continue
		}
		if results[i].GetReportId() != report.GetReportId() || results[i].GetOutcome() != telemetryv1.ReportOutcome_REPORT_OUTCOME_ACCEPTED {
			t.Errorf("acknowledgement %d = %v; want ACCEPTED for %s", i, results[i], report.GetReportId())
		}
	}
	if closeErr != nil {
		t.Errorf("Close() = %v", closeErr)
	}
}

func TestLive_IngestReports_AcceptedReportReachesTheRedisBuffer(t *testing.T) {
	r := liveReporter(t)
	redisAddress := os.Getenv("TELEMETRY_REDIS")
	if redisAddress == "" {
		t.Fatal("TELEMETRY_REDIS is not set; clients/test.sh sets it with TELEMETRY_ADDRESS")
	}
	ctx := liveContext(t)
	report := mimirReport(r)
	sentAt := time.Now()

	results, err := r.Send(ctx, report)
	if err != nil {
		t.Fatal(err)
	}
	if results[0].GetOutcome() != telemetryv1.ReportOutcome_REPORT_OUTCOME_ACCEPTED {
		t.Fatalf("send: %v; want ACCEPTED", results[0])
	}
	entry, err := findBufferedReport(redisAddress, report.GetReportId(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}

	if !strings.Contains(strings.ToLower(entry["product"]), "mimir") {
		t.Errorf("entry field product = %q; want the Mimir product", entry["product"])
	}
	arrival, err := strconv.ParseInt(entry["arrival_ms"], 10, 64)
	if err != nil || arrival < sentAt.Add(-time.Minute).UnixMilli() || arrival > time.Now().Add(time.Minute).UnixMilli() {
		t.Errorf("entry field arrival_ms = %q; want milliseconds since the epoch around the send", entry["arrival_ms"])
	}
	var buffered telemetryv1.UsageReport
	if err := proto.Unmarshal([]byte(entry["report"]), &buffered); err != nil {
		t.Fatalf("entry field report is no serialized UsageReport: %v", err)
	}
	if buffered.GetReportId() != report.GetReportId() || buffered.GetSchemaVersion() != 1 {
		t.Errorf("buffered report_id %q schema_version %d; want %q and 1", buffered.GetReportId(), buffered.GetSchemaVersion(), report.GetReportId())
	}
	if buffered.GetInstance().GetInstanceId() != report.GetInstance().GetInstanceId() {
		t.Errorf("buffered instance_id %q; want %q", buffered.GetInstance().GetInstanceId(), report.GetInstance().GetInstanceId())
	}
	if buffered.GetMimir().GetClusterId() != report.GetMimir().GetClusterId() || buffered.GetMimir().GetMetrics().GetBlocksStorageBackend() != "filesystem" {
		t.Errorf("buffered Mimir payload %v; want the sent one", buffered.GetMimir())
	}
	if buffered.GetBuild().GetBuildUser() != "" {
		t.Errorf("buffered build.build_user = %q; privacy.proto marks it NEVER_STORED", buffered.GetBuild().GetBuildUser())
	}
}

// findBufferedReport looks for the entry with reportID in the buffer's shard streams
// telemetry:v1:{shard-N}:reports (N = 0..3) until timeout, and returns its fields.
func findBufferedReport(redisAddress, reportID string, timeout time.Duration) (map[string]string, error) {
	client, err := dialRedis(redisAddress)
	if err != nil {
		return nil, fmt.Errorf("connecting to Redis at %s: %w", redisAddress, err)
	}
	defer client.Close()
	deadline := time.Now().Add(timeout)
	for {
		for shard := 0; shard < 4; shard++ {
			key := fmt.Sprintf("telemetry:v1:{shard-%d}:reports", shard)
			reply, err := client.Do("XRANGE", key, "-", "+")
			if err != nil {
				return nil, fmt.Errorf("XRANGE %s: %w", key, err)
			}
			entries, _ := reply.([]interface{})
			for _, e := range entries {
				pair, _ := e.([]interface{})
				if len(pair) != 2 {
					continue
				}
				flat, _ := pair[1].([]interface{})
				fields := map[string]string{}
				for i := 0; i+1 < len(flat); i += 2 {
					name, _ := flat[i].(string)
					value, _ := flat[i+1].(string)
					fields[name] = value
				}
				if fields["report_id"] == reportID {
					return fields, nil
				}
			}
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("no entry with report_id %s in telemetry:v1:{shard-0..3}:reports after %v", reportID, timeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
