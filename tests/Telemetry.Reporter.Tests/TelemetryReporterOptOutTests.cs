using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Telemetry.Reporter.Tests.Infrastructure;
using Telemetry.Reporter.Tests.TestObjects;
using Telemetry.Reporter.Transport;

namespace Telemetry.Reporter.Tests;

/// <summary>
/// Every opt-out path, checked against a real listening socket configured as the collector: a disabled reporter
/// never creates its transport and never connects. The transport is the real gRPC one, and the enabled case proves
/// the socket sees its connection.
/// </summary>
[TestFixture]
public sealed class TelemetryReporterOptOutTests
{
    private TcpListener _collector = null!;
    private string _dataDirectory = string.Empty;

    public enum OptOut
    {
        Configuration,
        ProductEnvironmentVariable,
        DoNotTrack,
        CommandLineFlag,
    }

    [SetUp]
    public void SetUp()
    {
        _collector = new TcpListener(IPAddress.Loopback, 0);
        _collector.Start();
        _dataDirectory = Directory.CreateTempSubdirectory("telemetry-optout-").FullName;
    }

    [TearDown]
    public void TearDown()
    {
        _collector.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [TestCase(OptOut.Configuration)]
    [TestCase(OptOut.ProductEnvironmentVariable)]
    [TestCase(OptOut.DoNotTrack)]
    [TestCase(OptOut.CommandLineFlag)]
    [CancelAfter(5000)]
    public async Task StartAsync_OptedOut_NeverCreatesTransportNorConnects(OptOut optOut, CancellationToken cancellationToken)
    {
        // Arrange
        var time = new ManualTimeProvider(ManualTimeProvider.DefaultStart);
        var options = Options();
        var environment = new Dictionary<string, string>();
        switch (optOut)
        {
            case OptOut.Configuration:
                options.Enabled = false;
                break;
            case OptOut.ProductEnvironmentVariable:
                environment["OPTOUTAPP_TELEMETRY_DISABLED"] = "true";
                break;
            case OptOut.DoNotTrack:
                environment["DO_NOT_TRACK"] = "1";
                break;
            case OptOut.CommandLineFlag:
                options.CommandLineArguments = ["serve", "--disable-telemetry"];
                break;
        }

        var factory = new CountingTransportFactory(o => new GrpcReportTransport(o, NullLogger.Instance));
        await using var reporter = TelemetryReporter.CreateCore(
            options, null, factory, null, null, time, name => environment.GetValueOrDefault(name));

        // Act: start, let a whole schedule interval pass, stop.
        await reporter.StartAsync(cancellationToken);
        time.Advance(options.Interval);
        await reporter.StopAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(reporter.Consent.Enabled, Is.False);
            Assert.That(factory.Created, Is.Zero, "transport created");
            Assert.That(_collector.Pending(), Is.False, "connection attempted");
            Assert.That(Directory.EnumerateFileSystemEntries(_dataDirectory), Is.Empty, "identity or report written");
        });
    }

    [Test]
    [CancelAfter(5000)]
    public async Task StartAsync_ProductEnvironmentVariableOfTheProcess_DisablesReporting(CancellationToken cancellationToken)
    {
        // Arrange: a variable name no other test uses, set in the real process environment.
        const string Variable = "OPTOUTREALENV_TELEMETRY_DISABLED";
        var options = Options();
        options.Product = "optoutrealenv";
        Environment.SetEnvironmentVariable(Variable, "1");
        try
        {
            var factory = new CountingTransportFactory(o => new GrpcReportTransport(o, NullLogger.Instance));
            await using var reporter = TelemetryReporter.Create(options, transportFactory: factory);

            // Act
            await reporter.StartAsync(cancellationToken);
            await reporter.StopAsync(cancellationToken);

            // Assert
            Assert.Multiple(() =>
            {
                Assert.That(reporter.Consent.Reason, Does.Contain(Variable));
                Assert.That(factory.Created, Is.Zero);
                Assert.That(_collector.Pending(), Is.False);
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Test]
    [CancelAfter(5000)]
    public async Task StartAsync_Enabled_ConnectsToTheCollector(CancellationToken cancellationToken)
    {
        // Arrange
        var time = new ManualTimeProvider(ManualTimeProvider.DefaultStart);
        var options = Options();
        var factory = new CountingTransportFactory(o => new GrpcReportTransport(o, NullLogger.Instance));
        await using var reporter = TelemetryReporter.CreateCore(options, null, factory, null, null, time, _ => null);

        // Act
        await reporter.StartAsync(cancellationToken);
        using var accepted = await _collector.AcceptTcpClientAsync(cancellationToken);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(reporter.Consent.Enabled, Is.True);
            Assert.That(factory.Created, Is.EqualTo(1));
            Assert.That(accepted.Connected, Is.True);
        });
    }

    private TelemetryReporterOptions Options() => new()
    {
        Product = "optoutapp",
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_collector.LocalEndpoint).Port}"),
        DataDirectory = _dataDirectory,
        Schedule = ReportScheduleMode.AtStartup,
        Interval = TimeSpan.FromHours(1),
        Jitter = TimeSpan.Zero,
        CommandLineArguments = [],
    };
}
