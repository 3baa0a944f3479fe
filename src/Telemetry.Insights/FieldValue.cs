namespace Telemetry.Insights;

/// <summary>
/// One field's value in one report: <paramref name="Text"/> for categorical fields (flags as <c>true</c>/<c>false</c>,
/// enums by name), <paramref name="Number"/> for numeric fields and flags (1 or 0).
/// </summary>
public readonly record struct FieldValue(string Field, string? Text, double? Number);
