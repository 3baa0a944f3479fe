using System.Globalization;

namespace Telemetry.Upload.Internal;

/// <summary>Stream entry ID arithmetic.</summary>
internal static class StreamIds
{
    /// <summary>The milliseconds part of an ID such as <c>1700000000000-3</c>.</summary>
    public static long Milliseconds(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return long.TryParse(dash < 0 ? id : id[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : 0;
    }

    /// <summary>Compares two entry IDs in stream order.</summary>
    public static int Compare(string left, string right)
    {
        var byTime = Milliseconds(left).CompareTo(Milliseconds(right));
        return byTime != 0 ? byTime : Sequence(left).CompareTo(Sequence(right));
    }

    private static long Sequence(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash >= 0 && long.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;
    }
}
