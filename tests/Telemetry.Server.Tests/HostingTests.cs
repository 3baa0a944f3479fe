using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Telemetry.Server.Hosting;
using Telemetry.Testing;
using Telemetry.Upload.Diagnostics;

namespace Telemetry.Server.Tests;

/// <summary>What the collector tells whoever runs it: the addresses it is bound to, and timestamped console logs.</summary>
[TestFixture]
public sealed class HostingTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task BoundAddresses_PortZero_ReportTheBoundPorts(CancellationToken cancellationToken)
    {
        // Arrange
        var settings = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Operations:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Intake:Url"] = "http://127.0.0.1:0",
        };

        // Act
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), settings, cancellationToken: cancellationToken);
        var addresses = collector.Services.GetRequiredService<BoundAddresses>();
        using var operations = new HttpClient { BaseAddress = new Uri(addresses.Operations!) };
        var live = await operations.GetAsync("/healthz", cancellationToken);

        // Assert
        var bound = new Regex("^http://127\\.0\\.0\\.1:[1-9][0-9]*$");
        Assert.Multiple(() =>
        {
            Assert.That(addresses.Grpc, Does.Match(bound));
            Assert.That(addresses.Operations, Does.Match(bound));
            Assert.That(addresses.Intake, Does.Match(bound));
            Assert.That(new[] { addresses.Grpc, addresses.Operations, addresses.Intake }, Is.Unique);
            Assert.That((int)live.StatusCode, Is.EqualTo(200));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task BoundAddresses_Urls_BindTheGrpcEndpointOnly(CancellationToken cancellationToken)
    {
        // Arrange
        var settings = new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" };

        // Act
        await using var collector = await Collector.StartAsync(SharedRedis.Server, Collector.KeyPrefixForCurrentTest(), settings, cancellationToken: cancellationToken);
        var addresses = collector.Services.GetRequiredService<BoundAddresses>();
        var served = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;

        // Assert: Kestrel bound the configured endpoints, the gRPC one on the address of --urls.
        Assert.Multiple(() =>
        {
            Assert.That(addresses.Grpc, Does.Match("^http://127\\.0\\.0\\.1:[1-9][0-9]*$"));
            Assert.That(addresses.Grpc, Is.Not.EqualTo(collector.Endpoint.ToString().TrimEnd('/')));
            Assert.That(served, Is.EquivalentTo(new[] { addresses.Grpc, addresses.Operations, addresses.Intake }));
        });
    }

    [Test]
    public void AddTelemetryConsoleLogging_Timestamps_AreIso8601Utc()
    {
        // Arrange
        var builder = WebApplication.CreateBuilder();
        var instant = new DateTimeOffset(2026, 12, 2, 17, 5, 3, 45, TimeSpan.Zero);

        // Act
        builder.AddTelemetryConsoleLogging();
        using var services = builder.Services.BuildServiceProvider();
        var options = services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(options.UseUtcTimestamp, Is.True);
            Assert.That(options.SingleLine, Is.True);
            Assert.That(instant.ToString(options.TimestampFormat, CultureInfo.InvariantCulture), Is.EqualTo("2026-12-02T17:05:03.045Z "));
        });
    }

    [Test]
    public void AddTelemetryConsoleLogging_JsonFormatter_WritesJsonWithIso8601UtcTimestamps()
    {
        // Arrange
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Logging:Console:FormatterName"] = "json";
        var instant = new DateTimeOffset(2026, 12, 2, 17, 5, 3, 45, TimeSpan.Zero);

        // Act
        builder.AddTelemetryConsoleLogging();
        using var services = builder.Services.BuildServiceProvider();
        var console = services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var json = services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(console.FormatterName, Is.EqualTo(ConsoleFormatterNames.Json));
            Assert.That(json.UseUtcTimestamp, Is.True);
            Assert.That(instant.ToString(json.TimestampFormat, CultureInfo.InvariantCulture), Is.EqualTo("2026-12-02T17:05:03.045Z"));
        });
    }
}
