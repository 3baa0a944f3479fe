using System.Text.Json;
using System.Text.Json.Nodes;
using Telemetry.Intake.Internal;
using Telemetry.V1;

namespace Telemetry.Intake.Conversion;

/// <summary>
/// Loki's usage report: Grafana's usagestats envelope, which parses into <see cref="LokiReport"/> unchanged, and a
/// metrics object of Go runtime figures and product entries that Loki defines in code. The runtime figures have
/// fields of their own; every other entry keeps its kind in <see cref="LokiMetrics.Values"/>: strings, integers
/// and floats as they are, booleans as 0 or 1, <c>{"total","rate"}</c> objects as counters, <c>{"count","avg",…}</c>
/// objects as statistics, and other objects flattened (<c>store_schema</c> members become <c>store_schema_member</c>).
/// </summary>
internal static class LokiConverter
{
    public static NativeReport Convert(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        var json = ProtoJson.ReadObject(body);
        var metricsJson = json["metrics"] as JsonObject;
        json.Remove("metrics");
        var loki = ProtoJson.Parse<LokiReport>(json, "body");
        var unknown = new List<string>();
        ProtoJson.UnknownFields(json, LokiReport.Descriptor, string.Empty, unknown);
        loki.Metrics = new LokiMetrics();
        if (metricsJson is not null)
        {
            AddMetrics(metricsJson, loki.Metrics, unknown);
        }

        var report = GrafanaConverter.Envelope(IntakeProducts.Loki, body, loki.ClusterId, loki.CreatedAt, loki.Interval, loki.IntervalPeriod, loki.Version, receivedAt);
        report.Target = loki.Target;
        report.Edition = loki.Edition;
        report.Environment = new V1.Environment { Os = loki.Os, Arch = loki.Arch, LogicalCpus = (uint)Math.Clamp(loki.Metrics.NumCpu, 0, uint.MaxValue) };
        loki.ClusterId = report.Instance.ClusterId;
        report.Loki = loki;
        return new NativeReport(report, unknown);
    }

    private static void AddMetrics(JsonObject metrics, LokiMetrics target, List<string> unknown)
    {
        foreach (var (name, node) in metrics)
        {
            switch (name)
            {
                case "memstats" when node is JsonObject memstats:
                    target.Memstats = ProtoJson.Parse<GoMemStats>(memstats, "metrics.memstats");
                    ProtoJson.UnknownFields(memstats, GoMemStats.Descriptor, "metrics.memstats", unknown);
                    break;
                case "num_cpu" when node is JsonValue cpus && cpus.TryGetValue(out long cpuCount):
                    target.NumCpu = cpuCount;
                    break;
                case "num_goroutine" when node is JsonValue goroutines && goroutines.TryGetValue(out long goroutineCount):
                    target.NumGoroutine = goroutineCount;
                    break;
                default:
                    AddValue(name, node, target, unknown);
                    break;
            }
        }
    }

    private static void AddValue(string name, JsonNode? node, LokiMetrics target, List<string> unknown)
    {
        switch (node)
        {
            case JsonValue value when Scalar(value) is { } scalar:
                target.Values[name] = scalar;
                break;
            case JsonObject counter when counter.Count == 2 && counter.ContainsKey("total") && counter.ContainsKey("rate"):
                target.Values[name] = new MetricValue { Counter = ProtoJson.Parse<Counter>(counter, $"metrics.{name}") };
                break;
            case JsonObject statistics when statistics.ContainsKey("count") && statistics.ContainsKey("avg"):
                target.Values[name] = new MetricValue { Statistics = ProtoJson.Parse<Statistics>(statistics, $"metrics.{name}") };
                break;
            case JsonObject group:
                foreach (var (member, child) in group)
                {
                    AddValue($"{name}_{member}", child, target, unknown);
                }

                break;
            default:
                // Arrays and nulls have no metric kind.
                unknown.Add($"metrics.{name}");
                break;
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
}
