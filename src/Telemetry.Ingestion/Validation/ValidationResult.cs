namespace Telemetry.Ingestion.Validation;

/// <summary>The outcome of validating one report: success, or the first violation found.</summary>
/// <param name="FieldPath">Path of the offending field, such as <c>instance.cluster_id</c>; null on success.</param>
/// <param name="Message">A sentence saying what is wrong; null on success.</param>
public readonly record struct ValidationResult(string? FieldPath, string? Message)
{
    /// <summary>The report is valid.</summary>
    public static ValidationResult Success => default;

    /// <summary>Whether the report is valid.</summary>
    public bool IsValid => FieldPath is null;

    /// <summary>A violation at <paramref name="fieldPath"/>.</summary>
    public static ValidationResult Fail(string fieldPath, string message) => new(fieldPath, message);
}
