package reporter

import (
	"os"
	"regexp"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	telemetryv1 "telemetry/clients/go/gen/telemetry/v1"
)

// Repeated fields, maps keyed by data and crash reports, filled with the generated messages, arrive stored with
// the collector's privacy rules applied. The same report is built by the Python, TypeScript and Java live tests.

var keyedHash = regexp.MustCompile(`^[0-9a-f]{32}$`)

func qdrantFieldsReport(r *Reporter) *telemetryv1.UsageReport {
	report := r.NewReport()
	id := report.GetInstance().GetInstanceId()
	report.Payload = &telemetryv1.UsageReport_Qdrant{Qdrant: &telemetryv1.QdrantReport{
		Id:  id,
		App: &telemetryv1.QdrantApp{Name: "qdrant", Version: "1.19.0"},
		Collections: &telemetryv1.QdrantCollections{
			NumberOfCollections: 2,
			Collections:         []*telemetryv1.QdrantCollection{{Id: "products"}, {Id: "reviews"}},
		},
		Requests: &telemetryv1.QdrantRequests{
			Rest: &telemetryv1.QdrantRestRequests{Responses: map[string]*telemetryv1.QdrantStatusResponses{
				"GET /collections": {Statuses: map[int32]*telemetryv1.QdrantOperationStatistics{200: {Count: 42}}},
			}},
			Grpc: &telemetryv1.QdrantGrpcRequests{Responses: map[string]*telemetryv1.QdrantStatusResponses{
				"/qdrant.Points/Search": {Statuses: map[int32]*telemetryv1.QdrantOperationStatistics{0: {Count: 7}}},
			}},
		},
		CrashReports: []*telemetryv1.QdrantCrashReport{{Id: id, Error: "collection products is broken", Backtrace: " in file lib/segment/src/index.rs at line 42"}},
	}}
	return report
}

func sendAndFetch(t *testing.T, r *Reporter, report *telemetryv1.UsageReport) *telemetryv1.UsageReport {
	t.Helper()
	redisAddress := os.Getenv("TELEMETRY_REDIS")
	if redisAddress == "" {
		t.Fatal("TELEMETRY_REDIS is not set; clients/test.sh sets it with TELEMETRY_ADDRESS")
	}
	results, err := r.Send(liveContext(t), report)
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
	var buffered telemetryv1.UsageReport
	if err := proto.Unmarshal([]byte(entry["report"]), &buffered); err != nil {
		t.Fatalf("entry field report is no serialized UsageReport: %v", err)
	}
	return &buffered
}

func TestLive_QdrantReport_RepeatedFieldsAndDataKeyedMapsAreStored(t *testing.T) {
	r := liveReporter(t)

	stored := sendAndFetch(t, r, qdrantFieldsReport(r)).GetQdrant()

	collections := stored.GetCollections().GetCollections()
	if len(collections) != 2 || !keyedHash.MatchString(collections[0].GetId()) || !keyedHash.MatchString(collections[1].GetId()) || collections[0].GetId() == collections[1].GetId() {
		t.Errorf("stored collections %v; want two distinct keyed hashes of the names", collections)
	}
	if got := stored.GetRequests().GetRest().GetResponses()["GET /collections"].GetStatuses()[200].GetCount(); got != 42 {
		t.Errorf("stored rest[\"GET /collections\"][200].count = %d; want 42", got)
	}
	if got := stored.GetRequests().GetGrpc().GetResponses()["/qdrant.Points/Search"].GetStatuses()[0].GetCount(); got != 7 {
		t.Errorf("stored grpc[\"/qdrant.Points/Search\"][0].count = %d; want 7", got)
	}
	crashes := stored.GetCrashReports()
	if len(crashes) != 1 || crashes[0].GetBacktrace() != " in file lib/segment/src/index.rs at line 42" || crashes[0].GetError() != "" {
		t.Errorf("stored crash_reports %v; want the backtrace without the error (NEVER_STORED)", crashes)
	}
}

func TestLive_MimirCrashReport_SharedCrashFieldIsStored(t *testing.T) {
	r := liveReporter(t)
	report := mimirReport(r)
	crash := &telemetryv1.CrashReport{ErrorType: "runtime.Error", SourceFile: "ingester.go", SourceLine: 812, Function: "ingester.(*Ingester).Push"}
	report.GetMimir().Metrics = nil
	report.GetMimir().Crash = crash

	stored := sendAndFetch(t, r, report)

	if !proto.Equal(stored.GetMimir().GetCrash(), crash) {
		t.Errorf("stored mimir.crash %v; want %v", stored.GetMimir().GetCrash(), crash)
	}
}
