using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Telemetry.V1;

namespace Telemetry.Upload.Internal;

/// <summary>
/// One line of the file sink: <c>{"report_id":…,"arrival_time":…,"instance_key":…,"report":{protobuf JSON}}</c>.
/// The instance key is repeated outside the report so a data-rights deletion can filter lines without parsing reports.
/// </summary>
internal static class ReportLine
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static void Write(StringBuilder line, BufferedReport report)
    {
        line.Append("{\"report_id\":");
        AppendString(line, report.ReportId);
        line.Append(",\"arrival_time\":\"");
        line.Append(report.ArrivalTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        line.Append("\",\"instance_key\":");
        AppendString(line, report.InstanceKey);
        line.Append(",\"report\":");
        Formatter.Format(report.Report, new StringWriter(line, CultureInfo.InvariantCulture));
        line.Append("}\n");
    }

    /// <summary>The instance key of a line, read without parsing the report.</summary>
    public static string? InstanceKey(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isKey = reader.ValueTextEquals("instance_key"u8);
            reader.Read();
            if (isKey)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }

    public static (UsageReport Report, DateTimeOffset ArrivalTime) Read(ReadOnlySpan<byte> line)
    {
        using var document = JsonDocument.Parse(line.ToArray());
        var root = document.RootElement;
        var report = Parser.Parse<UsageReport>(root.GetProperty("report").GetRawText());
        var arrival = DateTimeOffset.Parse(root.GetProperty("arrival_time").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return (report, arrival);
    }

    private static void AppendString(StringBuilder line, string value)
    {
        // Report IDs and instance keys are UUIDs and need no escaping; anything else is escaped properly.
        if (value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            line.Append('"').Append(value).Append('"');
            return;
        }

        var writer = new ArrayBufferWriter<byte>(value.Length + 8);
        using (var json = new Utf8JsonWriter(writer))
        {
            json.WriteStringValue(value);
        }

        line.Append(Encoding.UTF8.GetString(writer.WrittenSpan));
    }
}
