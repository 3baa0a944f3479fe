using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Telemetry.Intake.Internal;
using Telemetry.V1;

namespace Telemetry.Intake.Conversion;

/// <summary>
/// Qdrant's two reports, both posted to the root of its telemetry host: the hourly <c>TelemetryData</c>
/// (src/common/telemetry_reporting.rs) and the panic report <c>{"id","error","backtrace"}</c>
/// (src/common/error_reporting.rs), told apart by the <c>error</c> member. Two shapes protobuf JSON cannot
/// express are rewritten first, as qdrant.proto describes: each route's status map is wrapped as
/// <c>{"statuses": …}</c>, and a collection's <c>vectors</c> becomes <c>vector</c> (one parameter object) or
/// <c>named_vectors</c> (keyed by vector name).
/// </summary>
internal static class QdrantConverter
{
    public static NativeReport Convert(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        var json = ProtoJson.ReadObject(body);
        return json.ContainsKey("error") ? Crash(json, body, receivedAt) : Telemetry(json, body, receivedAt);
    }

    private static NativeReport Telemetry(JsonObject json, ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        Rewrite(json);
        var qdrant = ProtoJson.Parse<QdrantReport>(json, "body");
        var unknown = new List<string>();
        ProtoJson.UnknownFields(json, QdrantReport.Descriptor, string.Empty, unknown);
        var report = Envelope(qdrant, body, receivedAt);
        report.Build = qdrant.App is { } app ? new BuildInfo { Version = app.Version } : null;
        report.Instance.CreatedTime = qdrant.App?.Startup;
        if (qdrant.App?.System is { } system)
        {
            report.Environment = new V1.Environment { LogicalCpus = (uint)Math.Min(system.Cores, uint.MaxValue) };
        }

        return new NativeReport(report, unknown);
    }

    private static NativeReport Crash(JsonObject json, ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        var crash = ProtoJson.Parse<QdrantCrashReport>(json, "body");
        var unknown = new List<string>();
        ProtoJson.UnknownFields(json, QdrantCrashReport.Descriptor, string.Empty, unknown);
        var qdrant = new QdrantReport { Id = crash.Id, CrashReports = { crash } };
        return new NativeReport(Envelope(qdrant, body, receivedAt), unknown);
    }

    private static UsageReport Envelope(QdrantReport qdrant, ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        var id = qdrant.Id.ToLowerInvariant();
        if (id.Length == 0)
        {
            throw new IntakeFormatException("id", "the id is required (the UUID Qdrant generates at every start).");
        }

        qdrant.Id = id;
        foreach (var crash in qdrant.CrashReports)
        {
            crash.Id = id;
        }

        return new UsageReport
        {
            ReportId = ReportIds.Derive(IntakeProducts.Qdrant, id, body),
            SchemaVersion = 1,
            Instance = new InstanceIdentity { InstanceId = id },
            ReportTime = Timestamp.FromDateTimeOffset(receivedAt),
            Qdrant = qdrant,
        };
    }

    private static void Rewrite(JsonObject json)
    {
        foreach (var api in new[] { "rest", "grpc" })
        {
            if (json["requests"]?[api]?["responses"] is JsonObject routes)
            {
                foreach (var route in routes.Select(r => r.Key).ToList())
                {
                    var statuses = routes[route];
                    routes[route] = null;
                    routes[route] = new JsonObject { ["statuses"] = statuses };
                }
            }
        }

        if (json["collections"]?["collections"] is not JsonArray collections)
        {
            return;
        }

        foreach (var collection in collections)
        {
            if (collection?["config"]?["params"] is JsonObject parameters && parameters["vectors"] is JsonObject vectors)
            {
                parameters.Remove("vectors");
                // A single parameter object has a numeric "size"; a map is keyed by vector names.
                var single = vectors["size"] is JsonValue size && size.GetValueKind() == JsonValueKind.Number;
                parameters[single ? "vector" : "named_vectors"] = vectors;
            }
        }
    }
}
