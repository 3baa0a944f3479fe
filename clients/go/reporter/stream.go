package reporter

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	telemetryv1 "telemetry/clients/go/gen/telemetry/v1"
)

// ErrStreamClosed is returned by Stream.Send after the stream ended.
var ErrStreamClosed = errors.New("reporter: the report stream is closed")

// Stream keeps a StreamReports call open and matches every acknowledgement to its report by report_id. It is
// safe for concurrent use; Send blocks until its report's final acknowledgement arrives.
type Stream struct {
	reporter *Reporter
	call     telemetryv1.IngestService_StreamReportsClient
	cancel   context.CancelFunc

	sendMu sync.Mutex
	mu     sync.Mutex
	wait   map[string]chan *telemetryv1.ReportResult
	err    error
	done   chan struct{}
}

// OpenStream opens a report stream. When opted out it returns a Stream that sends nothing and opens no
// connection. Cancelling ctx ends the stream.
func (r *Reporter) OpenStream(ctx context.Context) (*Stream, error) {
	if r.optedOut {
		return &Stream{reporter: r}, nil
	}
	client, err := r.client()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	call, err := client.StreamReports(ctx)
	if err != nil {
		cancel()
		return nil, err
	}
	s := &Stream{
		reporter: r,
		call:     call,
		cancel:   cancel,
		wait:     make(map[string]chan *telemetryv1.ReportResult),
		done:     make(chan struct{}),
	}
	go s.receive()
	return s, nil
}

// Send sends report and returns its final acknowledgement. A RATE_LIMITED or OVERLOADED report is sent again
// on the stream after the server's retry_delay, up to the policy's attempts. When opted out it returns
// nil, nil.
func (s *Stream) Send(ctx context.Context, report *telemetryv1.UsageReport) (*telemetryv1.ReportResult, error) {
	if s.call == nil {
		return nil, nil
	}
	for attempt := 1; ; attempt++ {
		result, err := s.sendOnce(ctx, report)
		if err != nil {
			return nil, err
		}
		delay, retry := s.reporter.retry.Delay(result, attempt)
		if !retry {
			return result, nil
		}
		if err := s.reporter.sleep(ctx, delay); err != nil {
			return nil, err
		}
	}
}

func (s *Stream) sendOnce(ctx context.Context, report *telemetryv1.UsageReport) (*telemetryv1.ReportResult, error) {
	id := report.GetReportId()
	ack := make(chan *telemetryv1.ReportResult, 1)
	s.mu.Lock()
	if s.err != nil {
		err := s.err
		s.mu.Unlock()
		return nil, err
	}
	if _, busy := s.wait[id]; busy {
		s.mu.Unlock()
		return nil, fmt.Errorf("reporter: report %s is already awaiting its acknowledgement", id)
	}
	s.wait[id] = ack
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.wait, id)
		s.mu.Unlock()
	}()

	s.sendMu.Lock()
	err := s.call.Send(&telemetryv1.StreamReportsRequest{Report: report})
	s.sendMu.Unlock()
	if err != nil {
		<-s.done
		return nil, s.streamErr(err)
	}
	select {
	case result := <-ack:
		return result, nil
	case <-s.done:
		return nil, s.streamErr(ErrStreamClosed)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Close half-closes the stream, waits for the server to end it and releases it.
func (s *Stream) Close() error {
	if s.call == nil {
		return nil
	}
	s.sendMu.Lock()
	err := s.call.CloseSend()
	s.sendMu.Unlock()
	<-s.done
	s.cancel()
	if streamErr := s.streamErr(nil); streamErr != nil && !errors.Is(streamErr, ErrStreamClosed) {
		return streamErr
	}
	return err
}

func (s *Stream) receive() {
	defer close(s.done)
	for {
		response, err := s.call.Recv()
		if err != nil {
			s.mu.Lock()
			if err == io.EOF {
				s.err = ErrStreamClosed
			} else {
				s.err = err
			}
			s.mu.Unlock()
			return
		}
		result := response.GetResult()
		s.mu.Lock()
		ack, ok := s.wait[result.GetReportId()]
		s.mu.Unlock()
		if ok {
			select {
			case ack <- result:
			default:
			}
		}
	}
}

func (s *Stream) streamErr(fallback error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	return fallback
}
