using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Telemetry.Reporter.Hosting;
using Telemetry.Reporter.Metrics;
using Telemetry.V1;

namespace Telemetry.Reporter.Tests.Hosting;

[TestFixture]
public sealed class TelemetryReporterHostingTests
{
    private string _dataDirectory = string.Empty;

    [SetUp]
    public void SetUp() => _dataDirectory = Directory.CreateTempSubdirectory("telemetry-hosting-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dataDirectory, recursive: true);

    [Test]
    [CancelAfter(10000)]
    public async Task MapTelemetryPreview_ConfiguredFromSection_ReturnsThePreviewJson(CancellationToken cancellationToken)
    {
        // Arrange
        await using var app = BuildApp(new Dictionary<string, string?>
        {
            ["TelemetryReporter:Product"] = "hostapp",
            ["TelemetryReporter:IdentityStore"] = "Ephemeral",
        });
        await app.StartAsync(cancellationToken);
        app.Services.GetRequiredService<MetricRegistry>().Counter("requests").Add(12);
        var reporter = app.Services.GetRequiredService<TelemetryReporter>();

        // Act
        using var response = await app.GetTestClient().GetAsync(new Uri("/telemetry/preview", UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var preview = await reporter.PreviewAsync(cancellationToken);

        // Assert
        var report = JsonParser.Default.Parse<UsageReport>(body);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(report.Generic.Product, Is.EqualTo("hostapp"));
            Assert.That(report.Generic.Metrics["requests"].Counter.Total, Is.EqualTo(12));
            Assert.That(report.ReportId, Is.EqualTo(preview!.Report.ReportId));
        });
        await app.StopAsync(cancellationToken);
    }

    [Test]
    [CancelAfter(10000)]
    public async Task MapTelemetryPreview_ReportingDisabled_ReturnsTheReportWithANotSentHeader(CancellationToken cancellationToken)
    {
        // Arrange
        await using var app = BuildApp(new Dictionary<string, string?>
        {
            ["TelemetryReporter:Product"] = "hostapp",
            ["TelemetryReporter:Enabled"] = "false",
        });
        await app.StartAsync(cancellationToken);

        // Act
        using var response = await app.GetTestClient().GetAsync(new Uri("/telemetry/preview", UriKind.Relative), cancellationToken);

        // Assert
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(
                response.Headers.GetValues(TelemetryPreviewEndpointRouteBuilderExtensions.NotSentHeader),
                Is.EqualTo(new[] { "configuration: Enabled=false" }));
            Assert.That(JsonParser.Default.Parse<UsageReport>(json).Generic.Product, Is.EqualTo("hostapp"));
        });
        await app.StopAsync(cancellationToken);
    }

    [Test]
    [CancelAfter(10000)]
    public async Task AddTelemetryReporter_InvalidOptions_HostFailsToStart(CancellationToken cancellationToken)
    {
        // Arrange
        await using var app = BuildApp(new Dictionary<string, string?> { ["TelemetryReporter:Interval"] = "00:00:00" });

        // Act
        async Task Act() => await app.StartAsync(cancellationToken);

        // Assert
        Assert.ThrowsAsync<OptionsValidationException>(Act);
    }

    [Test]
    public void AddTelemetryReporter_CalledTwice_RegistersOneHostedService()
    {
        // Arrange
        var services = new ServiceCollection();

        // Act
        services.AddTelemetryReporter().AddTelemetryReporter();

        // Assert
        Assert.That(services.Count(d => d.ServiceType == typeof(IHostedService)), Is.EqualTo(1));
    }

    private WebApplication BuildApp(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        settings["TelemetryReporter:DataDirectory"] = _dataDirectory;
        settings["TelemetryReporter:DryRun"] = "true";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddTelemetryReporter(options => options.CommandLineArguments = []);
        var app = builder.Build();
        app.MapTelemetryPreview();
        return app;
    }
}
