using Telemetry.V1;

namespace Telemetry.Insights;

/// <summary>How a field can be asked about.</summary>
public enum InsightFieldKind
{
    /// <summary>Strings, enums and flags: broken down by value.</summary>
    Categorical,

    /// <summary>Counts, sizes and ratios: distributions (percentiles, histogram) across installations.</summary>
    Numeric,
}

/// <summary>
/// One field of the field catalogue as insights see it: its path from the report root (such as
/// <c>environment.os</c> or <c>qdrant.collections.number_of_collections</c>), kind, privacy class and unit.
/// </summary>
/// <param name="Path">Dotted path of proto field names from <see cref="UsageReport"/>.</param>
/// <param name="Kind">Categorical or numeric.</param>
/// <param name="Privacy">The field's privacy class: <see cref="PrivacyClass.KeyedHash"/> fields are counted, never listed.</param>
/// <param name="Unit">The field's unit, or empty.</param>
public sealed record InsightField(string Path, InsightFieldKind Kind, PrivacyClass Privacy, string Unit)
{
    /// <summary>Whether the field's values may be shown; keyed hashes may only be counted.</summary>
    public bool Listable => Privacy != PrivacyClass.KeyedHash;
}
