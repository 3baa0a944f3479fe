using Google.Protobuf;
using Telemetry.Reporter.Tests.Infrastructure;
using Telemetry.V1;

namespace Telemetry.Reporter.Tests;

[TestFixture]
public sealed class TelemetryReporterCrashTests
{
    [Test]
    [CancelAfter(5000)]
    public async Task ReportCrashAsync_Qdrant_SendsTypeAndPlaceButNeverTheMessage(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness(options =>
        {
            options.Product = "qdrant";
            options.ReportCrashes = true;
        });
        await harness.Reporter.StartAsync(cancellationToken);
        var usage = await harness.Transport.NextAsync(cancellationToken);

        // Act
        var acknowledged = await harness.Reporter.ReportCrashAsync(Thrown("password=hunter2"), cancellationToken);
        var crash = await harness.Transport.NextAsync(cancellationToken);

        // Assert
        var report = crash.Report.Qdrant.CrashReports.Single();
        Assert.Multiple(() =>
        {
            Assert.That(acknowledged, Is.True);
            Assert.That(crash.Report.ReportId, Is.Not.EqualTo(usage.Report.ReportId));
            Assert.That(report.Id, Is.EqualTo(usage.Report.Qdrant.Id));
            Assert.That(report.Backtrace, Does.Match(@"^System\.InvalidOperationException in file TelemetryReporterCrashTests\.cs at line \d+$"));
            Assert.That(report.Error, Is.Empty);
            Assert.That(crash.Report.ToString(), Does.Not.Contain("hunter2"));
            Assert.That(harness.Logs.EventNames, Does.Contain("CrashReported"));
        });
    }

    [TestCase("mimir")]
    [TestCase("tempo")]
    [TestCase("influxdb")]
    [TestCase("coroot")]
    [TestCase("sample")]
    [CancelAfter(5000)]
    public async Task ReportCrashAsync_OtherProduct_PayloadCarriesOnlyTheSharedCrashReport(string product, CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness(options =>
        {
            options.Product = product;
            options.ReportCrashes = true;
        });
        harness.Reporter.Metrics.Counter("requests").Add(5);
        await harness.Reporter.StartAsync(cancellationToken);
        var usage = await harness.Transport.NextAsync(cancellationToken);

        // Act
        await harness.Reporter.ReportCrashAsync(Thrown("user data"), cancellationToken);
        var crash = await harness.Transport.NextAsync(cancellationToken);

        // Assert
        var payloadField = UsageReport.Descriptor.FindFieldByNumber((int)crash.Report.PayloadCase);
        var payload = (IMessage)payloadField.Accessor.GetValue(crash.Report);
        var shared = (CrashReport)payload.Descriptor.FindFieldByName("crash").Accessor.GetValue(payload);
        var expectedPayload = (IMessage)payloadField.MessageType.Parser.ParseFrom(ByteString.Empty);
        expectedPayload.Descriptor.FindFieldByName("crash").Accessor.SetValue(expectedPayload, shared);
        if (expectedPayload is GenericReport generic)
        {
            generic.Product = product;
        }

        Assert.Multiple(() =>
        {
            Assert.That(crash.Report.PayloadCase, Is.EqualTo(usage.Report.PayloadCase));
            Assert.That(shared.ErrorType, Is.EqualTo("System.InvalidOperationException"));
            Assert.That(shared.SourceFile, Is.EqualTo("TelemetryReporterCrashTests.cs"));
            Assert.That(shared.SourceLine, Is.GreaterThan(0));
            Assert.That(shared.Function, Is.EqualTo($"{typeof(TelemetryReporterCrashTests).FullName}.{nameof(Thrown)}"));
            Assert.That(payload, Is.EqualTo(expectedPayload), "nothing but the crash in the payload");
            Assert.That(crash.Report.ToString(), Does.Not.Contain("user data"));
        });
    }

    private static InvalidOperationException Thrown(string message)
    {
        try
        {
            throw new InvalidOperationException(message);
        }
        catch (InvalidOperationException exception)
        {
            return exception;
        }
    }
}
