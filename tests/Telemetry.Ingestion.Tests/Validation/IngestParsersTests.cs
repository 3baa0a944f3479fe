using Google.Protobuf;
using Telemetry.Ingestion.Tests.Infrastructure;
using Telemetry.Ingestion.Validation;
using Telemetry.V1;

namespace Telemetry.Ingestion.Tests.Validation;

[TestFixture]
public sealed class IngestParsersTests
{
    [Test]
    public void UsageReport_NewerClientWithUnknownFields_ParsesWithoutThem()
    {
        // Arrange
        var report = TestReports.Mimir();
        var bytes = TestReports.WithUnknownFields(report);

        // Act
        var parsed = IngestParsers.UsageReport.ParseFrom(bytes);
        var keeping = UsageReport.Parser.ParseFrom(bytes);

        // Assert: the default parser keeps them (so the test bytes do carry unknown fields); ours drops them.
        Assert.Multiple(() =>
        {
            Assert.That(keeping, Is.Not.EqualTo(report));
            Assert.That(parsed, Is.EqualTo(report));
            Assert.That(parsed.CalculateSize(), Is.EqualTo(report.CalculateSize()));
        });
    }

    [Test]
    public void IngestReportsRequest_NestedReportsWithUnknownFields_ParsesWithoutThem()
    {
        // Arrange
        var report = TestReports.Generic();
        var request = new IngestReportsRequest { RequestId = Guid.NewGuid().ToString() };
        var reportBytes = TestReports.WithUnknownFields(report);
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        request.WriteTo(output);
        output.WriteTag(IngestReportsRequest.ReportsFieldNumber, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(reportBytes));
        output.Flush();

        // Act
        var parsed = IngestParsers.IngestReportsRequest.ParseFrom(stream.ToArray());

        // Assert
        Assert.That(parsed.Reports.Single(), Is.EqualTo(report));
    }
}
