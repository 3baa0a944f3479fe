using System.Globalization;

namespace Telemetry.Grpc.Internal;

/// <summary>The <c>grpc-timeout</c> header: at most 8 digits followed by a unit (H, M, S, m, u, n).</summary>
internal static class GrpcTimeout
{
    /// <summary>The largest timeout accepted; longer ones are clamped (about 3.17 years).</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromSeconds(99_999_999);

    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length is < 2 or > 9)
        {
            return false;
        }

        long amount = 0;
        for (var i = 0; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            amount = (amount * 10) + (c - '0');
        }

        var ticks = value[^1] switch
        {
            'H' => (decimal)amount * TimeSpan.TicksPerHour,
            'M' => (decimal)amount * TimeSpan.TicksPerMinute,
            'S' => (decimal)amount * TimeSpan.TicksPerSecond,
            'm' => (decimal)amount * TimeSpan.TicksPerMillisecond,
            'u' => (decimal)amount * TimeSpan.TicksPerMicrosecond,
            'n' => Math.Ceiling(amount / 100m),
            _ => -1m,
        };
        if (ticks < 0)
        {
            return false;
        }

        timeout = ticks >= Maximum.Ticks ? Maximum : TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>
    /// Encodes a client timeout: non-positive becomes <c>1n</c>; below 1000 s, milliseconds rounded up to 3
    /// significant digits (as S, M or H when whole); otherwise whole seconds rounded up, in the largest exact unit.
    /// </summary>
    public static string Encode(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return "1n";
        }

        if (timeout >= Maximum)
        {
            timeout = Maximum;
        }

        if (timeout < TimeSpan.FromSeconds(1000))
        {
            var milliseconds = (long)Math.Ceiling(timeout.Ticks / (double)TimeSpan.TicksPerMillisecond);
            milliseconds = RoundUpToSignificantDigits(milliseconds, 3);
            return ExactUnit(milliseconds, 1000, 'm');
        }

        var seconds = (long)Math.Ceiling(timeout.Ticks / (double)TimeSpan.TicksPerSecond);
        if (seconds % 3600 == 0)
        {
            return Format(seconds / 3600, 'H');
        }

        if (seconds % 60 == 0)
        {
            return Format(seconds / 60, 'M');
        }

        if (seconds > 99_999_999)
        {
            return Format((seconds + 59) / 60, 'M');
        }

        return Format(seconds, 'S');
    }

    private static string ExactUnit(long milliseconds, long perSecond, char unit)
    {
        if (milliseconds % (perSecond * 3600) == 0)
        {
            return Format(milliseconds / (perSecond * 3600), 'H');
        }

        if (milliseconds % (perSecond * 60) == 0)
        {
            return Format(milliseconds / (perSecond * 60), 'M');
        }

        if (milliseconds % perSecond == 0)
        {
            return Format(milliseconds / perSecond, 'S');
        }

        return Format(milliseconds, unit);
    }

    private static long RoundUpToSignificantDigits(long value, int digits)
    {
        var limit = (long)Math.Pow(10, digits);
        long scale = 1;
        while (value / scale >= limit)
        {
            scale *= 10;
        }

        return (value + scale - 1) / scale * scale;
    }

    private static string Format(long value, char unit) => value.ToString(CultureInfo.InvariantCulture) + unit;
}
