using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Telemetry.Upload.Internal;

/// <summary>
/// The file sink's partition directory of a report, <c>&lt;root&gt;/&lt;product&gt;/&lt;yyyy-MM-dd&gt;</c> (the arrival
/// date, UTC), remembered per product and day: every report of a batch needs it, and nearly all of them share one
/// or two, so formatting the date and joining the path each time was work for nothing.
/// </summary>
internal sealed class PartitionPaths(string root)
{
    // Bounds the memory: products × days seen since the last clear (a long-running uploader sees one new day a day).
    private const int MaxRemembered = 1024;

    private readonly ConcurrentDictionary<(string Product, DateOnly Day), string> _paths = new();

    public string Of(BufferedReport report)
    {
        var key = (report.Product, DateOnly.FromDateTime(report.ArrivalTime.UtcDateTime));
        if (_paths.TryGetValue(key, out var path))
        {
            return path;
        }

        if (_paths.Count >= MaxRemembered)
        {
            _paths.Clear();
        }

        return _paths.GetOrAdd(key, static (key, root) => Build(root, key.Product, key.Day), root);
    }

    // A product name that is not a plain lower-case identifier is hex-encoded, so it can never name another directory.
    private static string Build(string root, string product, DateOnly day)
    {
        product = product.Length > 0 ? product : "unknown";
        if (!product.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
        {
            product = "x-" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(product));
        }

        return Path.Combine(root, product, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
