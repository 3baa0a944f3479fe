using System.Text;
using Google.Protobuf;
using Telemetry.Intake.Internal;

namespace Telemetry.Intake.Prometheus;

/// <summary>
/// Reads a Pushgateway-style push in either exposition format, chosen by its content type as Prometheus' expfmt
/// does: protobuf-delimited <c>MetricFamily</c> messages (what InfluxDB's pusher sends) or text.
/// </summary>
internal static class MetricFamilyReader
{
    public static List<MetricFamily> Read(byte[] body, string? contentType)
    {
        var type = contentType ?? string.Empty;
        if (type.StartsWith("application/vnd.google.protobuf", StringComparison.OrdinalIgnoreCase))
        {
            if (!type.Contains("io.prometheus.client.MetricFamily", StringComparison.Ordinal)
                || !type.Contains("encoding=delimited", StringComparison.Ordinal))
            {
                throw new IntakeFormatException("Content-Type", $"\"{type}\" is not a supported protobuf encoding; send proto=io.prometheus.client.MetricFamily; encoding=delimited.");
            }

            return Delimited(body);
        }

        if (type.Length == 0 || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return PrometheusTextParser.Parse(Encoding.UTF8.GetString(body));
        }

        throw new IntakeFormatException("Content-Type", $"\"{type}\" is not a Prometheus exposition format (text/plain or protobuf-delimited).");
    }

    private static List<MetricFamily> Delimited(byte[] body)
    {
        var families = new List<MetricFamily>();
        using var stream = new MemoryStream(body, writable: false);
        try
        {
            while (stream.Position < stream.Length)
            {
                families.Add(MetricFamily.Parser.ParseDelimitedFrom(stream));
            }
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new IntakeFormatException("body", $"not protobuf-delimited metric families ({exception.Message})", exception);
        }

        return families;
    }
}
