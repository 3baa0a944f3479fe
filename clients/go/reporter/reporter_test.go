package reporter

import (
	"context"
	"net"
	"regexp"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/durationpb"

	telemetryv1 "telemetry/clients/go/gen/telemetry/v1"
)

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestNewReport_FreshReport_HasUUIDSchemaVersionAndTime(t *testing.T) {
	r := New(Config{Address: "127.0.0.1:1"})
	before := time.Now()

	first, second := r.NewReport(), r.NewReport()

	if !uuidPattern.MatchString(first.GetReportId()) {
		t.Errorf("report_id %q is not a lower-case hyphenated version 4 UUID", first.GetReportId())
	}
	if first.GetReportId() == second.GetReportId() {
		t.Errorf("two reports share report_id %q", first.GetReportId())
	}
	if first.GetSchemaVersion() != 1 {
		t.Errorf("schema_version = %d, want 1", first.GetSchemaVersion())
	}
	if got := first.GetReportTime().AsTime(); got.Before(before.Add(-time.Second)) || got.After(time.Now().Add(time.Second)) {
		t.Errorf("report_time %v is not now", got)
	}
	if !uuidPattern.MatchString(first.GetInstance().GetInstanceId()) || first.GetInstance().GetInstanceId() != second.GetInstance().GetInstanceId() {
		t.Errorf("instance ids %q and %q: want one random UUID per reporter", first.GetInstance().GetInstanceId(), second.GetInstance().GetInstanceId())
	}
}

func TestNew_NoAddress_UsesTelemetryAddressThenDefault(t *testing.T) {
	t.Setenv("TELEMETRY_ADDRESS", "")
	if got := New(Config{}).Address(); got != DefaultAddress {
		t.Errorf("Address() = %q, want %q", got, DefaultAddress)
	}
	t.Setenv("TELEMETRY_ADDRESS", "127.0.0.1:6000")
	if got := New(Config{}).Address(); got != "127.0.0.1:6000" {
		t.Errorf("Address() = %q, want the TELEMETRY_ADDRESS value", got)
	}
}

// countingListener accepts TCP connections on a free loopback port and counts them.
type countingListener struct {
	net.Listener
	accepted atomic.Int32
}

func listen(t *testing.T) *countingListener {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cl := &countingListener{Listener: l}
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			cl.accepted.Add(1)
			defer conn.Close()
		}
	}()
	t.Cleanup(func() { l.Close() })
	return cl
}

func TestSend_DoNotTrack_SendsNothingAndOpensNoConnection(t *testing.T) {
	t.Setenv("DO_NOT_TRACK", "1")
	listener := listen(t)
	r := New(Config{Address: listener.Addr().String()})
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()

	results, err := r.Send(ctx, r.NewReport())
	if err != nil || results != nil {
		t.Fatalf("Send() = %v, %v; want nil, nil", results, err)
	}
	stream, err := r.OpenStream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if result, err := stream.Send(ctx, r.NewReport()); err != nil || result != nil {
		t.Fatalf("Stream.Send() = %v, %v; want nil, nil", result, err)
	}
	stream.Close()
	time.Sleep(300 * time.Millisecond)

	if !r.OptedOut() {
		t.Error("OptedOut() = false with DO_NOT_TRACK=1")
	}
	if n := listener.accepted.Load(); n != 0 {
		t.Errorf("the listener accepted %d connections; want none", n)
	}
}

func TestSend_TrackingAllowed_ConnectsToTheListener(t *testing.T) {
	// The control for the opt-out test: the same listener does see a reporter that is not opted out.
	t.Setenv("DO_NOT_TRACK", "")
	listener := listen(t)
	r := New(Config{Address: listener.Addr().String()})
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()

	if _, err := r.Send(ctx, r.NewReport()); err == nil {
		t.Error("Send() to a listener that speaks no gRPC succeeded")
	}
	for i := 0; i < 50 && listener.accepted.Load() == 0; i++ {
		time.Sleep(100 * time.Millisecond)
	}

	if n := listener.accepted.Load(); n == 0 {
		t.Error("the listener accepted no connection")
	}
}

func TestRetryPolicyDelay_Outcomes(t *testing.T) {
	policy := RetryPolicy{MaxAttempts: 4, BaseDelay: 100 * time.Millisecond, MaxDelay: 5 * time.Second}
	limited := func(outcome telemetryv1.ReportOutcome, delay *durationpb.Duration) *telemetryv1.ReportResult {
		return &telemetryv1.ReportResult{Outcome: outcome, RetryDelay: delay}
	}
	cases := []struct {
		name      string
		result    *telemetryv1.ReportResult
		attempt   int
		wantDelay time.Duration
		wantRetry bool
	}{
		{"accepted", limited(telemetryv1.ReportOutcome_REPORT_OUTCOME_ACCEPTED, nil), 1, 0, false},
		{"duplicate", limited(telemetryv1.ReportOutcome_REPORT_OUTCOME_DUPLICATE, nil), 1, 0, false},
		{"rejected", limited(telemetryv1.ReportOutcome_REPORT_OUTCOME_REJECTED, durationpb.New(time.Second)), 1, 0, false},
		{"rate limited uses retry_delay", limited(telemetryv1.ReportOutcome_REPORT_OUTCOME_RATE_LIMITED, durationpb.New(1500*time.Millisecond)), 1, 1500 * time.Millisecond, true},
		{"overloaded uses retry_delay", limited(telemetryv1.ReportOutcome_REPORT_OUTCOME_OVERLOADED, durationpb.New(250*time.Millisecond)), 2, 250 * time.Millisecond, true},
		{"retry_delay is capped", limited(telemetryv1.ReportOutcome_REPORT_OUTCOME_RATE_LIMITED, durationpb.New(time.Hour)), 1, 5 * time.Second, true},
		{"no retry_delay backs off", limited(telemetryv1.ReportOutcome_REPORT_OUTCOME_OVERLOADED, nil), 3, 400 * time.Millisecond, true},
		{"unknown outcome is retried", limited(telemetryv1.ReportOutcome(42), nil), 1, 100 * time.Millisecond, true},
		{"attempts used up", limited(telemetryv1.ReportOutcome_REPORT_OUTCOME_RATE_LIMITED, durationpb.New(time.Second)), 4, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			delay, retry := policy.Delay(c.result, c.attempt)
			if delay != c.wantDelay || retry != c.wantRetry {
				t.Errorf("Delay() = %v, %v; want %v, %v", delay, retry, c.wantDelay, c.wantRetry)
			}
		})
	}
}

// limitingServer answers the first send of every report with RATE_LIMITED (retry_delay 200ms) and later
// sends with ACCEPTED, recording when each send arrived.
type limitingServer struct {
	telemetryv1.UnimplementedIngestServiceServer
	mu    sync.Mutex
	sends map[string][]time.Time
}

func (s *limitingServer) answer(report *telemetryv1.UsageReport) *telemetryv1.ReportResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sends[report.GetReportId()] = append(s.sends[report.GetReportId()], time.Now())
	if len(s.sends[report.GetReportId()]) == 1 {
		return &telemetryv1.ReportResult{ReportId: report.GetReportId(), Outcome: telemetryv1.ReportOutcome_REPORT_OUTCOME_RATE_LIMITED,
			Reason: "slow down", RetryDelay: durationpb.New(200 * time.Millisecond)}
	}
	return &telemetryv1.ReportResult{ReportId: report.GetReportId(), Outcome: telemetryv1.ReportOutcome_REPORT_OUTCOME_ACCEPTED}
}

func (s *limitingServer) IngestReports(_ context.Context, request *telemetryv1.IngestReportsRequest) (*telemetryv1.IngestReportsResponse, error) {
	response := &telemetryv1.IngestReportsResponse{}
	for _, report := range request.GetReports() {
		response.Results = append(response.Results, s.answer(report))
	}
	return response, nil
}

func (s *limitingServer) StreamReports(stream telemetryv1.IngestService_StreamReportsServer) error {
	for {
		request, err := stream.Recv()
		if err != nil {
			return nil
		}
		if err := stream.Send(&telemetryv1.StreamReportsResponse{Result: s.answer(request.GetReport())}); err != nil {
			return err
		}
	}
}

func startLimitingServer(t *testing.T) (*limitingServer, string) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	service := &limitingServer{sends: map[string][]time.Time{}}
	server := grpc.NewServer()
	telemetryv1.RegisterIngestServiceServer(server, service)
	go server.Serve(l)
	t.Cleanup(server.Stop)
	return service, l.Addr().String()
}

func (s *limitingServer) gap(t *testing.T, reportID string) time.Duration {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	sends := s.sends[reportID]
	if len(sends) != 2 {
		t.Fatalf("report %s was sent %d times; want 2", reportID, len(sends))
	}
	return sends[1].Sub(sends[0])
}

func TestSend_RateLimited_SendsAgainAfterRetryDelay(t *testing.T) {
	t.Setenv("DO_NOT_TRACK", "")
	service, address := startLimitingServer(t)
	r := New(Config{Address: address})
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	first, second := r.NewReport(), r.NewReport()

	results, err := r.Send(ctx, first, second)
	if err != nil {
		t.Fatal(err)
	}

	for i, report := range []*telemetryv1.UsageReport{first, second} {
		if results[i].GetReportId() != report.GetReportId() || results[i].GetOutcome() != telemetryv1.ReportOutcome_REPORT_OUTCOME_ACCEPTED {
			t.Errorf("result %d = %v; want ACCEPTED for %s", i, results[i], report.GetReportId())
		}
		if gap := service.gap(t, report.GetReportId()); gap < 200*time.Millisecond {
			t.Errorf("report %d was sent again after %v; want at least the 200ms retry_delay", i, gap)
		}
	}
}

func TestStreamSend_RateLimited_SendsAgainAfterRetryDelay(t *testing.T) {
	t.Setenv("DO_NOT_TRACK", "")
	service, address := startLimitingServer(t)
	r := New(Config{Address: address})
	defer r.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	stream, err := r.OpenStream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reports := []*telemetryv1.UsageReport{r.NewReport(), r.NewReport(), r.NewReport()}

	var wg sync.WaitGroup
	results := make([]*telemetryv1.ReportResult, len(reports))
	errs := make([]error, len(reports))
	for i := range reports {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i], errs[i] = stream.Send(ctx, reports[i])
		}(i)
	}
	wg.Wait()
	if err := stream.Close(); err != nil {
		t.Errorf("Close() = %v", err)
	}

	for i, report := range reports {
		if errs[i] != nil {
			t.Fatalf("Send(%d) = %v", i, errs[i])
		}
		if results[i].GetReportId() != report.GetReportId() || results[i].GetOutcome() != telemetryv1.ReportOutcome_REPORT_OUTCOME_ACCEPTED {
			t.Errorf("acknowledgement %d = %v; want ACCEPTED for %s", i, results[i], report.GetReportId())
		}
		if gap := service.gap(t, report.GetReportId()); gap < 200*time.Millisecond {
			t.Errorf("report %d was sent again after %v; want at least the 200ms retry_delay", i, gap)
		}
	}
}
