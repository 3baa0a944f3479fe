using Microsoft.Extensions.Options;
using Telemetry.Reporter.Tests.Infrastructure;

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

    [Test]
    [CancelAfter(5000)]
    public async Task ReportCrashAsync_OtherProduct_SendsAGenericReportWithTypeAndPlace(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness(options => options.ReportCrashes = true);
        harness.Reporter.Metrics.Counter("requests").Add(5);
        await harness.Reporter.StartAsync(cancellationToken);
        await harness.Transport.NextAsync(cancellationToken);

        // Act
        await harness.Reporter.ReportCrashAsync(Thrown("user data"), cancellationToken);
        var crash = await harness.Transport.NextAsync(cancellationToken);

        // Assert
        var metrics = crash.Report.Generic.Metrics;
        Assert.Multiple(() =>
        {
            Assert.That(metrics.Keys, Is.EquivalentTo(new[] { "crash.exception_type", "crash.location" }));
            Assert.That(metrics["crash.exception_type"].StringValue, Is.EqualTo("System.InvalidOperationException"));
            Assert.That(metrics["crash.location"].StringValue, Does.StartWith("file TelemetryReporterCrashTests.cs at line "));
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task StartAsync_CrashReportsForAProductWithoutACrashField_FailsValidation(CancellationToken cancellationToken)
    {
        // Arrange
        await using var harness = new ReporterHarness(options =>
        {
            options.Product = "mimir";
            options.ReportCrashes = true;
        });

        // Act
        Task Act() => harness.Reporter.StartAsync(cancellationToken);

        // Assert
        Assert.That(Act, Throws.TypeOf<OptionsValidationException>().With.Message.Contains("ReportCrashes"));
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
