using Google.Protobuf;
using Telemetry.Intake.Prometheus;

namespace Telemetry.Intake.Tests.Infrastructure;

/// <summary>
/// InfluxDB 2.x's telemetry push: the families of its telemetry matcher (telemetry/metrics.go), in the
/// protobuf-delimited format its pusher sends (telemetry/push.go) and in the text format its receiver also takes.
/// </summary>
internal static class InfluxDbBodies
{
    /// <summary>The content type InfluxDB's pusher sets (expfmt.FmtProtoDelim).</summary>
    public const string ProtoDelimited = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    public const string Text = "text/plain; version=0.0.4; charset=utf-8";

    public static string TextBody(string id, string timestamp = "") => $$"""
        # HELP influxdb_info Information about the influxdb environment.
        # TYPE influxdb_info gauge
        influxdb_info{arch="amd64",build_date="2024-03-11T15:30:00Z",commit="19e5c0e1b7",cpus="8",os="linux",version="v2.7.5"} 1
        # TYPE influxdb_uptime_seconds gauge
        influxdb_uptime_seconds{id="{{id}}"} 3600.5{{timestamp}}
        # TYPE influxdb_buckets_total counter
        influxdb_buckets_total 5
        # TYPE influxdb_organizations_total counter
        influxdb_organizations_total 2
        # TYPE influxdb_users_total counter
        influxdb_users_total 3
        # TYPE http_api_requests_total counter
        http_api_requests_total{handler="platform",method="POST",path="/api/v2/write",response_code="204",status="2XX",user_agent="influxdb-client-go"} 42
        # TYPE storage_wal_writes_total counter
        storage_wal_writes_total{status="ok"} 10
        storage_wal_writes_total{status="fail"} 1
        # TYPE query_control_requests_total counter
        query_control_requests_total{org="0a1b2c3d4e5f6a70",result="success"} 3
        # TYPE query_control_all_duration_seconds histogram
        query_control_all_duration_seconds_bucket{org="0a1b2c3d4e5f6a70",le="0.01"} 1
        query_control_all_duration_seconds_bucket{org="0a1b2c3d4e5f6a70",le="0.1"} 3
        query_control_all_duration_seconds_bucket{org="0a1b2c3d4e5f6a70",le="+Inf"} 4
        query_control_all_duration_seconds_sum{org="0a1b2c3d4e5f6a70"} 1.25
        query_control_all_duration_seconds_count{org="0a1b2c3d4e5f6a70"} 4
        # TYPE storage_tsm_files_disk_bytes gauge
        storage_tsm_files_disk_bytes{bucket="b1",engine="tsm1",id="1",path="/var/lib/influxdb2/engine/data/b1/autogen/1",walPath="/var/lib/influxdb2/engine/wal/b1/autogen/1"} 1048576
        # TYPE go_goroutines gauge
        go_goroutines 57

        """;

    public static byte[] ProtoBody(string id)
    {
        MetricFamily[] families =
        [
            new()
            {
                Name = "influxdb_info", Type = MetricType.Gauge,
                Metric = { Gauge(1, ("arch", "arm64"), ("build_date", "2024-03-11T15:30:00Z"), ("commit", "19e5c0e1b7"), ("cpus", "4"), ("os", "linux"), ("version", "v2.7.5")) },
            },
            new() { Name = "influxdb_uptime_seconds", Type = MetricType.Gauge, Metric = { Gauge(7200, ("id", id)) } },
            new() { Name = "influxdb_tokens_total", Type = MetricType.Counter, Metric = { new Metric { Counter = new Counter { Value = 9 } } } },
            new()
            {
                Name = "query_control_functions_total", Type = MetricType.Counter,
                Metric = { new Metric { Label = { Label("function", "from") }, Counter = new Counter { Value = 12 } } },
            },
        ];
        using var stream = new MemoryStream();
        foreach (var family in families)
        {
            family.WriteDelimitedTo(stream);
        }

        return stream.ToArray();
    }

    private static Metric Gauge(double value, params (string Name, string Value)[] labels)
    {
        var metric = new Metric { Gauge = new Gauge { Value = value } };
        metric.Label.AddRange(labels.Select(l => Label(l.Name, l.Value)));
        return metric;
    }

    private static LabelPair Label(string name, string value) => new() { Name = name, Value = value };
}
