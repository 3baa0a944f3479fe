// Command telemetry-example sends one GenericReport to a locally running ingestion service, first in a unary
// batch and then on a stream, and prints the service's answers. The address comes from TELEMETRY_ADDRESS
// (default 127.0.0.1:50051); DO_NOT_TRACK=1 sends nothing.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"time"

	telemetryv1 "telemetry/clients/go/gen/telemetry/v1"
	"telemetry/clients/go/reporter"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "telemetry-example:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	r := reporter.New(reporter.Config{})
	defer r.Close()
	if r.OptedOut() {
		fmt.Println("DO_NOT_TRACK=1: nothing is sent")
		return nil
	}

	report := r.NewReport()
	report.Target = "all"
	report.Edition = "oss"
	report.Environment = &telemetryv1.Environment{Os: runtime.GOOS, Arch: runtime.GOARCH, LogicalCpus: uint32(runtime.NumCPU())}
	report.Payload = &telemetryv1.UsageReport_Generic{Generic: &telemetryv1.GenericReport{
		Product: "example",
		Metrics: map[string]*telemetryv1.MetricValue{
			"storage_backend": {Kind: &telemetryv1.MetricValue_StringValue{StringValue: "filesystem"}},
			"tenants":         {Kind: &telemetryv1.MetricValue_IntValue{IntValue: 3}},
		},
	}}
	results, err := r.Send(ctx, report)
	if err != nil {
		return err
	}
	for _, result := range results {
		fmt.Printf("unary  %s %s %s\n", result.GetReportId(), result.GetOutcome(), result.GetReason())
	}

	stream, err := r.OpenStream(ctx)
	if err != nil {
		return err
	}
	next := r.NewReport()
	next.Payload = report.Payload
	result, err := stream.Send(ctx, next)
	if err != nil {
		return err
	}
	fmt.Printf("stream %s %s %s\n", result.GetReportId(), result.GetOutcome(), result.GetReason())
	return stream.Close()
}
