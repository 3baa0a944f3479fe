using System.Text.Json;
using Telemetry.Reporter.Building;
using Telemetry.V1;

namespace Telemetry.Reporter.Transport;

/// <summary>
/// Keeps a copy of the last report a collector acknowledged in <c>last-report.json</c>, with its send time, so
/// operators can see exactly what left the process.
/// </summary>
internal static class LastReportWriter
{
    public const string FileName = "last-report.json";

    /// <summary>Writes the file atomically: a reader never sees half a report.</summary>
    public static void Write(string directory, UsageReport report, DateTimeOffset sentTime, ReportSendOutcome outcome, bool dryRun)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var temporary = Path.Combine(directory, $".{FileName}.{Guid.NewGuid():N}.tmp");
        using (var stream = File.Create(temporary))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("sent_time", sentTime.ToUniversalTime());
            writer.WriteString("outcome", outcome.ToString());
            writer.WriteBoolean("dry_run", dryRun);
            writer.WritePropertyName("report");
            writer.WriteRawValue(ReportJson.Format(report));
            writer.WriteEndObject();
        }

        File.Move(temporary, path, overwrite: true);
    }
}
