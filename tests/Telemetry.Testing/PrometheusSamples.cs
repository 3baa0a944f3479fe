using System.Globalization;
using System.Text.RegularExpressions;

namespace Telemetry.Testing;

/// <summary>Reads sample values out of a Prometheus text exposition, as a scrape returns it.</summary>
public static partial class PrometheusSamples
{
    /// <summary>The values of every sample of <paramref name="name"/> whose labels contain <paramref name="label"/>.</summary>
    public static List<double> Values(string exposition, string name, string? label = null) =>
        Sample().Matches(exposition)
            .Where(m => m.Groups["name"].Value == name && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>A sample line: name, optional labels, value and an optional timestamp in milliseconds.</summary>
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)( \d+)?$", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
