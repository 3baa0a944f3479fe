// Package reporter sends usage reports to a Telemetry ingestion service over gRPC.
//
// A Reporter builds reports with a fresh report_id, sends them in a unary batch (Send) or on a
// bidirectional stream (OpenStream), and sends a report again after the server's retry_delay when the
// server answers RATE_LIMITED or OVERLOADED. When the environment variable DO_NOT_TRACK is 1, nothing is
// sent and no connection is opened.
package reporter

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/timestamppb"

	telemetryv1 "telemetry/clients/go/gen/telemetry/v1"
)

// DefaultAddress is the service address used when neither Config.Address nor TELEMETRY_ADDRESS is set.
const DefaultAddress = "127.0.0.1:50051"

// SchemaVersion is the report schema version of telemetry.v1.
const SchemaVersion = 1

// Config configures a Reporter. The zero value is usable.
type Config struct {
	// Address of the ingestion service, host:port. Defaults to $TELEMETRY_ADDRESS, then DefaultAddress.
	Address string
	// InstanceID identifies this process in every report. Defaults to a random UUID per Reporter.
	InstanceID string
	// ClusterID is shared by every replica of one installation. Optional.
	ClusterID string
	// Retry decides how long to wait before sending a limited report again. Defaults to DefaultRetryPolicy.
	Retry *RetryPolicy
	// DialOptions replace the default options (plaintext) used to connect.
	DialOptions []grpc.DialOption
}

// OptedOut reports whether the user opted out of telemetry with DO_NOT_TRACK=1.
func OptedOut() bool {
	return os.Getenv("DO_NOT_TRACK") == "1"
}

// Reporter sends usage reports. It connects lazily on the first send and is safe for concurrent use.
type Reporter struct {
	address    string
	instanceID string
	clusterID  string
	retry      RetryPolicy
	dialOpts   []grpc.DialOption
	optedOut   bool
	sleep      func(context.Context, time.Duration) error

	mu   sync.Mutex
	conn *grpc.ClientConn
}

// New returns a Reporter for cfg. It reads DO_NOT_TRACK once, here.
func New(cfg Config) *Reporter {
	address := cfg.Address
	if address == "" {
		address = os.Getenv("TELEMETRY_ADDRESS")
	}
	if address == "" {
		address = DefaultAddress
	}
	instanceID := cfg.InstanceID
	if instanceID == "" && cfg.ClusterID == "" {
		instanceID = NewUUID()
	}
	retry := DefaultRetryPolicy
	if cfg.Retry != nil {
		retry = *cfg.Retry
	}
	dialOpts := cfg.DialOptions
	if dialOpts == nil {
		dialOpts = []grpc.DialOption{grpc.WithInsecure()}
	}
	return &Reporter{
		address:    address,
		instanceID: instanceID,
		clusterID:  cfg.ClusterID,
		retry:      retry,
		dialOpts:   dialOpts,
		optedOut:   OptedOut(),
		sleep:      sleepContext,
	}
}

// Address returns the service address the Reporter sends to.
func (r *Reporter) Address() string { return r.address }

// OptedOut reports whether this Reporter sends nothing because of DO_NOT_TRACK=1.
func (r *Reporter) OptedOut() bool { return r.optedOut }

// NewReport returns a report with a fresh report_id, schema_version 1, report_time now and the Reporter's
// instance identity. Set its Payload (for example &telemetryv1.UsageReport_Generic{...}) before sending.
func (r *Reporter) NewReport() *telemetryv1.UsageReport {
	return &telemetryv1.UsageReport{
		ReportId:      NewUUID(),
		SchemaVersion: SchemaVersion,
		Instance: &telemetryv1.InstanceIdentity{
			ClusterId:  r.clusterID,
			InstanceId: r.instanceID,
		},
		ReportTime: timestamppb.Now(),
	}
}

// Send sends reports in one unary batch and returns one final result per report, in order. Reports the
// server rate-limits or finds overloaded are sent again after its retry_delay, up to the policy's attempts;
// the last result is returned for those still limited. When opted out it returns nil, nil.
func (r *Reporter) Send(ctx context.Context, reports ...*telemetryv1.UsageReport) ([]*telemetryv1.ReportResult, error) {
	if r.optedOut || len(reports) == 0 {
		return nil, nil
	}
	client, err := r.client()
	if err != nil {
		return nil, err
	}
	results := make([]*telemetryv1.ReportResult, len(reports))
	pending := make([]int, len(reports))
	for i := range reports {
		pending[i] = i
	}
	for attempt := 1; len(pending) > 0; attempt++ {
		batch := make([]*telemetryv1.UsageReport, len(pending))
		for j, i := range pending {
			batch[j] = reports[i]
		}
		response, err := client.IngestReports(ctx, &telemetryv1.IngestReportsRequest{RequestId: NewUUID(), Reports: batch})
		if err != nil {
			return nil, err
		}
		if len(response.GetResults()) != len(batch) {
			return nil, fmt.Errorf("reporter: the service answered %d results for %d reports", len(response.GetResults()), len(batch))
		}
		var retry []int
		var wait time.Duration
		for j, result := range response.GetResults() {
			i := pending[j]
			results[i] = result
			if delay, ok := r.retry.Delay(result, attempt); ok {
				retry = append(retry, i)
				if delay > wait {
					wait = delay
				}
			}
		}
		if len(retry) == 0 || attempt >= r.retry.maxAttempts() {
			break
		}
		if err := r.sleep(ctx, wait); err != nil {
			return nil, err
		}
		pending = retry
	}
	return results, nil
}

// Close closes the connection, if one was opened.
func (r *Reporter) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conn == nil {
		return nil
	}
	err := r.conn.Close()
	r.conn = nil
	return err
}

func (r *Reporter) client() (telemetryv1.IngestServiceClient, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conn == nil {
		conn, err := grpc.Dial(r.address, r.dialOpts...)
		if err != nil {
			return nil, fmt.Errorf("reporter: connecting to %s: %w", r.address, err)
		}
		r.conn = conn
	}
	return telemetryv1.NewIngestServiceClient(r.conn), nil
}

// NewUUID returns a random (version 4) UUID, lower-case and hyphenated.
func NewUUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("reporter: reading random bytes: %v", err))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
