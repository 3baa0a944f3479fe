using Semver;

namespace Telemetry.Insights;

/// <summary>
/// Versions from <see cref="Min"/> to <see cref="Max"/>, both inclusive, compared as semantic versions: 2.10.0 is
/// above 2.9.1, a leading <c>v</c> and missing minor or patch parts (read as zero) are tolerated, a pre-release is
/// below its release and build metadata is ignored. A version that does not parse never falls in a range.
/// </summary>
/// <param name="Min">Lowest version, inclusive; null for no lower bound.</param>
/// <param name="Max">Highest version, inclusive; null for no upper bound.</param>
public sealed record VersionRange(SemVersion? Min, SemVersion? Max)
{
    /// <summary>How reported versions and bounds are read: as loosely as semantic versions allow, no looser.</summary>
    private const SemVersionStyles Styles = SemVersionStyles.AllowV | SemVersionStyles.OptionalMinorPatch | SemVersionStyles.AllowWhitespace;

    /// <summary>Reads a bound, or null when <paramref name="text"/> is not a version.</summary>
    public static SemVersion? Parse(string text) =>
        SemVersion.TryParse(text, Styles, out var version) ? version : null;

    /// <summary>Whether a reported version falls in the range.</summary>
    public bool Contains(string version) =>
        Parse(version) is { } parsed
        && (Min is null || SemVersion.ComparePrecedence(parsed, Min) >= 0)
        && (Max is null || SemVersion.ComparePrecedence(parsed, Max) <= 0);

    /// <summary>A stable text form for cache keys.</summary>
    public override string ToString() => $"{Min}..{Max}";
}
