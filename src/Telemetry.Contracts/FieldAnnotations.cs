using Google.Protobuf.Reflection;
using Telemetry.V1;

namespace Telemetry.Contracts;

/// <summary>
/// Reads the telemetry.v1 field annotations (privacy class and unit) from descriptors, the single source the
/// ingestion service, the reporter SDK and the field catalogue all enforce and document.
/// </summary>
public static class FieldAnnotations
{
    /// <summary>The field's privacy class; unannotated fields are <see cref="PrivacyClass.Public"/>.</summary>
    public static PrivacyClass GetPrivacy(FieldDescriptor field)
    {
        var privacy = field.GetOptions()?.GetExtension(PrivacyExtensions.Privacy) ?? PrivacyClass.Unspecified;
        return privacy == PrivacyClass.Unspecified ? PrivacyClass.Public : privacy;
    }

    /// <summary>The field's unit, or an empty string when it has none.</summary>
    public static string GetUnit(FieldDescriptor field) =>
        field.GetOptions()?.GetExtension(PrivacyExtensions.Unit) ?? string.Empty;
}
