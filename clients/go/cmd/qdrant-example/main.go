// Command qdrant-example sends one QdrantReport with the fields Qdrant's documentation shows: request statistics
// keyed by route ("GET /collections") and status code, the collections list and a crash report without its
// message. It prints the report with the contract's field names, then the answer. The address comes from
// TELEMETRY_ADDRESS (default 127.0.0.1:50051); DO_NOT_TRACK=1 prints the report and sends nothing.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"google.golang.org/protobuf/encoding/protojson"

	telemetryv1 "telemetry/clients/go/gen/telemetry/v1"
	"telemetry/clients/go/reporter"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "qdrant-example:", err)
		os.Exit(1)
	}
}

func qdrantPayload(id string) *telemetryv1.QdrantReport {
	count := uint64(42)
	return &telemetryv1.QdrantReport{
		Id: id,
		Collections: &telemetryv1.QdrantCollections{
			NumberOfCollections: 2,
			// KEYED_HASH: the collector stores an HMAC of each name, never the name.
			Collections: []*telemetryv1.QdrantCollection{{Id: "products"}, {Id: "reviews"}},
		},
		Requests: &telemetryv1.QdrantRequests{
			Rest: &telemetryv1.QdrantRestRequests{Responses: map[string]*telemetryv1.QdrantStatusResponses{
				"GET /collections": {Statuses: map[int32]*telemetryv1.QdrantOperationStatistics{200: {Count: count}}},
			}},
			Grpc: &telemetryv1.QdrantGrpcRequests{Responses: map[string]*telemetryv1.QdrantStatusResponses{
				"/qdrant.Points/Search": {Statuses: map[int32]*telemetryv1.QdrantOperationStatistics{0: {Count: 7}}},
			}},
		},
		// Where it happened, never the panic message.
		CrashReports: []*telemetryv1.QdrantCrashReport{{Id: id, Backtrace: " in file lib/segment/src/index.rs at line 42"}},
	}
}

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	r := reporter.New(reporter.Config{})
	defer r.Close()
	report := r.NewReport()
	report.Payload = &telemetryv1.UsageReport_Qdrant{Qdrant: qdrantPayload(report.GetInstance().GetInstanceId())}
	fmt.Println(protojson.MarshalOptions{UseProtoNames: true, Multiline: true}.Format(report))
	if r.OptedOut() {
		fmt.Println("DO_NOT_TRACK=1: nothing is sent")
		return nil
	}

	results, err := r.Send(ctx, report)
	if err != nil {
		return err
	}
	for _, result := range results {
		fmt.Printf("%s %s %s %s\n", result.GetReportId(), result.GetOutcome(), result.GetFieldPath(), result.GetReason())
	}
	return nil
}
