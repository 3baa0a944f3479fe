package reporter

import (
	"time"

	telemetryv1 "telemetry/clients/go/gen/telemetry/v1"
)

// RetryPolicy decides whether and when a report is sent again.
type RetryPolicy struct {
	// MaxAttempts bounds how often one report is sent, the first send included.
	MaxAttempts int
	// BaseDelay is the wait before the second attempt when the server gives no retry_delay; it doubles with
	// every further attempt.
	BaseDelay time.Duration
	// MaxDelay caps every wait, including the server's retry_delay.
	MaxDelay time.Duration
}

// DefaultRetryPolicy sends a report at most 5 times and waits at most one minute between attempts.
var DefaultRetryPolicy = RetryPolicy{MaxAttempts: 5, BaseDelay: time.Second, MaxDelay: time.Minute}

// Delay returns how long to wait before sending the report of result again after the given attempt
// (1 for the first send), and false when it must not be sent again: it was accepted, is a duplicate, was
// rejected, or the attempts are used up. RATE_LIMITED and OVERLOADED wait the server's retry_delay; an
// unknown outcome is retried later, as the contract asks, with exponential backoff.
func (p RetryPolicy) Delay(result *telemetryv1.ReportResult, attempt int) (time.Duration, bool) {
	switch result.GetOutcome() {
	case telemetryv1.ReportOutcome_REPORT_OUTCOME_ACCEPTED,
		telemetryv1.ReportOutcome_REPORT_OUTCOME_DUPLICATE,
		telemetryv1.ReportOutcome_REPORT_OUTCOME_REJECTED:
		return 0, false
	}
	if attempt >= p.maxAttempts() {
		return 0, false
	}
	var delay time.Duration
	if server := result.GetRetryDelay(); server != nil && server.AsDuration() > 0 {
		delay = server.AsDuration()
	} else {
		delay = p.BaseDelay
		for i := 1; i < attempt && delay < p.MaxDelay; i++ {
			delay *= 2
		}
	}
	if p.MaxDelay > 0 && delay > p.MaxDelay {
		delay = p.MaxDelay
	}
	return delay, true
}

func (p RetryPolicy) maxAttempts() int {
	if p.MaxAttempts < 1 {
		return 1
	}
	return p.MaxAttempts
}
