using System.Globalization;

namespace Telemetry.Buffer;

/// <summary>Stream entry ID arithmetic.</summary>
public static class StreamIds
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

    /// <summary>The smallest ID after <paramref name="id"/>: the bound XTRIM MINID needs to remove the entry itself.</summary>
    public static string Next(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        var ms = ulong.Parse(dash < 0 ? id : id[..dash], NumberStyles.None, CultureInfo.InvariantCulture);
        var seq = dash < 0 ? 0 : ulong.Parse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        return seq == ulong.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"{ms + 1}-0")
            : string.Create(CultureInfo.InvariantCulture, $"{ms}-{seq + 1}");
    }

    private static long Sequence(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash >= 0 && long.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;
    }
}
