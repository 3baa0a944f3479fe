using System.Globalization;

namespace Telemetry.Contracts.Privacy;

/// <summary>
/// Rounds numbers to three significant digits (123456 becomes 123000), the PRIVACY_CLASS_ROUNDED rule: precise
/// enough for statistics, too coarse to single out an installation by an exact count.
/// </summary>
public static class SignificantDigits
{
    /// <summary>Significant digits kept.</summary>
    public const int Kept = 3;

    /// <summary>Rounds any protobuf numeric value, keeping its type; other values are returned unchanged.</summary>
    public static object RoundNumber(object value) => value switch
    {
        long number => (long)Round(number, long.MinValue, long.MaxValue),
        ulong number => (ulong)Round(number, ulong.MinValue, ulong.MaxValue),
        int number => (int)Round(number, int.MinValue, int.MaxValue),
        uint number => (uint)Round(number, uint.MinValue, uint.MaxValue),
        double number => Round(number),
        float number => (float)Round((double)number),
        _ => value,
    };

    /// <summary>
    /// Rounds an integer half away from zero, or toward zero where rounding up would leave the range of its type
    /// (<paramref name="min"/> to <paramref name="max"/>).
    /// </summary>
    public static decimal Round(decimal value, decimal min, decimal max)
    {
        var digits = value == 0 ? 1 : (int)Math.Floor(Math.Log10((double)Math.Abs(value))) + 1;
        if (digits <= Kept)
        {
            return value;
        }

        var scale = Pow10(digits - Kept);
        var rounded = Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale;
        return rounded < min || rounded > max ? Math.Truncate(value / scale) * scale : rounded;
    }

    /// <summary>Rounds a floating-point number; NaN and infinities are returned unchanged.</summary>
    public static double Round(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        // Formatting with three significant digits and parsing back gives the nearest double to the rounded
        // decimal value, without the artefacts of scaling (123000.00000000001).
        return double.Parse(value.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
