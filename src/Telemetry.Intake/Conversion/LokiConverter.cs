using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Telemetry.Intake.Internal;
using Telemetry.V1;

namespace Telemetry.Intake.Conversion;

/// <summary>
/// Loki's usage report: Grafana's usagestats envelope with a free-form <c>metrics</c> object. Until the contract
/// has a payload for Loki, it becomes a <see cref="GenericReport"/> named <c>loki</c>: strings, integers and
/// floats keep their kind, <c>{"total","rate"}</c> objects become counters, <c>{"count","avg",…}</c> objects
/// statistics, and other objects (<c>memstats</c>) are flattened to <c>memstats_alloc</c> and so on.
/// </summary>
internal static class LokiConverter
{
    private static readonly HashSet<string> EnvelopeFields =
        ["clusterID", "createdAt", "interval", "intervalPeriod", "target", "version", "os", "arch", "edition", "metrics"];

    public static NativeReport Convert(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        var json = ProtoJson.ReadObject(body);
        var unknown = json.Select(p => p.Key).Where(k => !EnvelopeFields.Contains(k)).ToList();
        var version = json["version"] is { } versionJson ? ProtoJson.Parse<GrafanaVersion>(versionJson, "version") : null;
        var report = GrafanaConverter.Envelope(
            IntakeProducts.Loki,
            body,
            String(json, "clusterID"),
            Time(json, "createdAt"),
            Time(json, "interval"),
            json["intervalPeriod"] is JsonValue period && period.TryGetValue(out double seconds) ? seconds : 0,
            version,
            receivedAt);
        report.Target = String(json, "target");
        report.Edition = String(json, "edition");
        report.Environment = new V1.Environment { Os = String(json, "os"), Arch = String(json, "arch") };
        var generic = new GenericReport { Product = IntakeProducts.Loki };
        if (json["metrics"] is JsonObject metrics)
        {
            AddMetrics(metrics, string.Empty, generic, unknown);
        }

        if (generic.Metrics.TryGetValue("num_cpu", out var cpus) && cpus.KindCase == MetricValue.KindOneofCase.IntValue)
        {
            report.Environment.LogicalCpus = (uint)Math.Clamp(cpus.IntValue, 0, uint.MaxValue);
        }

        report.Generic = generic;
        return new NativeReport(report, unknown);
    }

    private static void AddMetrics(JsonObject metrics, string prefix, GenericReport generic, List<string> unknown)
    {
        foreach (var (key, node) in metrics)
        {
            var name = prefix + key;
            switch (node)
            {
                case JsonValue value when Scalar(value) is { } scalar:
                    generic.Metrics[name] = scalar;
                    break;
                case JsonObject counter when counter.Count == 2 && counter.ContainsKey("total") && counter.ContainsKey("rate"):
                    generic.Metrics[name] = new MetricValue { Counter = ProtoJson.Parse<Counter>(counter, $"metrics.{name}") };
                    break;
                case JsonObject statistics when statistics.ContainsKey("count") && statistics.ContainsKey("avg"):
                    generic.Metrics[name] = new MetricValue { Statistics = ProtoJson.Parse<Statistics>(statistics, $"metrics.{name}") };
                    break;
                case JsonObject group:
                    AddMetrics(group, name + "_", generic, unknown);
                    break;
                default:
                    // Arrays and nulls have no metric kind.
                    unknown.Add($"metrics.{name}");
                    break;
            }
        }
    }

    private static MetricValue? Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => new MetricValue { StringValue = value.GetValue<string>() },
        JsonValueKind.True => new MetricValue { IntValue = 1 },
        JsonValueKind.False => new MetricValue { IntValue = 0 },
        JsonValueKind.Number when value.TryGetValue(out long integer) => new MetricValue { IntValue = integer },
        JsonValueKind.Number => new MetricValue { FloatValue = value.GetValue<double>() },
        _ => null,
    };

    private static string String(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : string.Empty;

    private static Timestamp? Time(JsonObject json, string name)
    {
        var text = String(json, name);
        if (text.Length == 0)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? Timestamp.FromDateTimeOffset(time)
            : throw new IntakeFormatException(name, $"\"{text}\" is not an RFC 3339 time.");
    }
}
