using System.Reflection;
using Microsoft.Extensions.Logging;
using Telemetry.Ingestion;
using Telemetry.Insights;
using Telemetry.Intake;
using Telemetry.Server.Hosting;
using Telemetry.Upload;

namespace Telemetry.Server.Tests;

/// <summary>Every log event of the collector's process has its own id, so a log query by id finds one event.</summary>
[TestFixture]
public sealed class LogEventIdTests
{
    [Test]
    public void LoggerMessages_InTheCollectorsAssemblies_HaveUniqueIdsAndNames()
    {
        // Arrange
        Assembly[] assemblies =
        [
            typeof(TelemetryServerExtensions).Assembly,
            typeof(IngestionServiceCollectionExtensions).Assembly,
            typeof(IntakeServiceCollectionExtensions).Assembly,
            typeof(UploadServiceCollectionExtensions).Assembly,
            typeof(InsightsServiceCollectionExtensions).Assembly,
        ];

        // Act
        var events = assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Attribute is not null)
            .ToList();

        // Assert
        var clashes = events.GroupBy(e => e.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Method))}");
        Assert.Multiple(() =>
        {
            Assert.That(events, Has.Count.GreaterThan(20), "the enumeration finds the events");
            Assert.That(clashes, Is.Empty);
            Assert.That(events.Select(e => e.Attribute!.EventName), Is.Unique);
        });
    }
}
