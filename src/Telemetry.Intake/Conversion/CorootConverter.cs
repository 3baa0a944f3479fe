using Telemetry.Intake.Internal;
using Telemetry.V1;

namespace Telemetry.Intake.Conversion;

/// <summary>Coroot's usage statistics (stats/stats.go): the body parses into <see cref="CorootReport"/> unchanged.</summary>
internal static class CorootConverter
{
    public static NativeReport Convert(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        var json = ProtoJson.ReadObject(body);
        var coroot = ProtoJson.Parse<CorootReport>(json, "body");
        var unknown = new List<string>();
        ProtoJson.UnknownFields(json, CorootReport.Descriptor, string.Empty, unknown);
        var uuid = coroot.Instance?.Uuid.ToLowerInvariant() ?? string.Empty;
        if (uuid.Length == 0)
        {
            throw new IntakeFormatException("instance.uuid", "the instance uuid is required (Coroot keeps it in data-dir/instance.uuid).");
        }

        coroot.Instance!.Uuid = uuid;
        var report = new UsageReport
        {
            ReportId = ReportIds.Derive(IntakeProducts.Coroot, uuid, body),
            SchemaVersion = 1,
            Instance = new InstanceIdentity { InstanceId = uuid },
            Build = new BuildInfo { Version = coroot.Instance.Version },
            Edition = coroot.Instance.Edition,
            ReportTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(receivedAt),
            Coroot = coroot,
        };
        return new NativeReport(report, unknown);
    }
}
