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

    public static void Write(TextWriter line, BufferedReport report)
    {
        line.Write("{\"report_id\":");
        WriteString(line, report.ReportId);
        line.Write(",\"arrival_time\":\"");
        WriteArrivalTime(line, report.ArrivalTime);
        line.Write("\",\"instance_key\":");
        WriteString(line, report.InstanceKey);
        line.Write(",\"report\":");
        Formatter.Format(report.Report, line);
        line.Write("}\n");
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

    // yyyy-MM-ddTHH:mm:ss.fffZ in UTC: the sortable standard format has a fast path that a custom format string lacks.
    private static void WriteArrivalTime(TextWriter line, DateTimeOffset arrival)
    {
        var utc = arrival.UtcDateTime;
        Span<char> text = stackalloc char[24];
        utc.TryFormat(text, out var written, "s", CultureInfo.InvariantCulture);
        text[written++] = '.';
        utc.Millisecond.TryFormat(text[written..], out var digits, "D3", CultureInfo.InvariantCulture);
        written += digits;
        text[written++] = 'Z';
        line.Write(text[..written]);
    }

    private static void WriteString(TextWriter line, string value)
    {
        // Report IDs and instance keys are UUIDs and need no escaping; anything else is escaped properly.
        if (NeedsNoEscaping(value))
        {
            line.Write('"');
            line.Write(value);
            line.Write('"');
            return;
        }

        var writer = new ArrayBufferWriter<byte>(value.Length + 8);
        using (var json = new Utf8JsonWriter(writer))
        {
            json.WriteStringValue(value);
        }

        line.Write(Encoding.UTF8.GetString(writer.WrittenSpan));
    }

    private static bool NeedsNoEscaping(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
