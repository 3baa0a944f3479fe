using Google.Protobuf.WellKnownTypes;
using Telemetry.Reporter.Transport;
using Telemetry.V1;

namespace Telemetry.Reporter.Tests.Transport;

[TestFixture]
public sealed class ReportSendResultTests
{
    [TestCase(ReportOutcome.Accepted, ReportSendOutcome.Accepted, true)]
    [TestCase(ReportOutcome.Duplicate, ReportSendOutcome.Duplicate, true)]
    [TestCase(ReportOutcome.Rejected, ReportSendOutcome.Rejected, false)]
    [TestCase(ReportOutcome.RateLimited, ReportSendOutcome.RateLimited, false)]
    [TestCase(ReportOutcome.Overloaded, ReportSendOutcome.Overloaded, false)]
    [TestCase(ReportOutcome.Unspecified, ReportSendOutcome.TransientFailure, false)]
    [TestCase((ReportOutcome)99, ReportSendOutcome.TransientFailure, false)]
    public void FromReportResult_Outcome_MapsToWhatTheReporterDoes(ReportOutcome outcome, ReportSendOutcome expected, bool acknowledged)
    {
        // Act
        var result = ReportSendResult.FromReportResult(new ReportResult { ReportId = "r", Outcome = outcome });

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(expected));
            Assert.That(result.IsAcknowledged, Is.EqualTo(acknowledged));
        });
    }

    [Test]
    public void FromReportResult_RateLimitedWithDelay_CarriesTheDelayAndReason()
    {
        // Arrange
        var collectorResult = new ReportResult
        {
            Outcome = ReportOutcome.RateLimited,
            Reason = "limit exceeded",
            RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(90)),
        };

        // Act
        var result = ReportSendResult.FromReportResult(collectorResult);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.RetryDelay, Is.EqualTo(TimeSpan.FromSeconds(90)));
            Assert.That(result.Reason, Is.EqualTo("limit exceeded"));
        });
    }

    [Test]
    public void FromReportResult_RejectedWithField_ReasonNamesTheField()
    {
        // Act
        var result = ReportSendResult.FromReportResult(new ReportResult
        {
            Outcome = ReportOutcome.Rejected,
            FieldPath = "instance.cluster_id",
            Reason = "must be a UUID",
        });

        // Assert
        Assert.That(result.Reason, Is.EqualTo("instance.cluster_id: must be a UUID"));
    }
}
