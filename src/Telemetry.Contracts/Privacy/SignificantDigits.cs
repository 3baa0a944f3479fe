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

    /// <summary>
    /// Rounds any protobuf numeric value, keeping its type; other values, and numbers that rounding leaves as they
    /// are, are returned as the same object, so a caller can tell that nothing changed by reference.
    /// </summary>
    public static object RoundNumber(object value) => value switch
    {
        long number when Round(number) is var rounded && rounded != number => rounded,
        ulong number when Round(number) is var rounded && rounded != number => rounded,
        int number when Round(number) is var rounded && rounded != number => rounded,
        uint number when Round(number) is var rounded && rounded != number => rounded,
        double number when Round(number) is var rounded && !rounded.Equals(number) => rounded,
        float number when Round(number) is var rounded && !rounded.Equals(number) => rounded,
        _ => value,
    };

    /// <summary>Rounds a signed integer; one of at most three digits is returned at once.</summary>
    public static long Round(long value) => value is > -1000 and < 1000
        ? value
        : (long)Round(value, long.MinValue, long.MaxValue);

    /// <summary>Rounds a 32-bit signed integer, toward zero where rounding up would leave its range.</summary>
    public static int Round(int value) => value is > -1000 and < 1000
        ? value
        : (int)Round(value, int.MinValue, int.MaxValue);

    /// <summary>Rounds a 32-bit unsigned integer, toward zero where rounding up would leave its range.</summary>
    public static uint Round(uint value) => value < 1000
        ? value
        : (uint)Round(value, uint.MinValue, uint.MaxValue);

    /// <summary>Rounds a single-precision number as <see cref="Round(double)"/> does.</summary>
    public static float Round(float value) => (float)Round((double)value);

    /// <summary>Rounds an unsigned integer; one of at most three digits is returned at once.</summary>
    public static ulong Round(ulong value) => value < 1000
        ? value
        : (ulong)Round(value, ulong.MinValue, ulong.MaxValue);

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
        // Zero, NaN, infinities and whole numbers of at most three digits (the usual counts) need no formatting.
        if (!double.IsFinite(value) || (Math.Abs(value) < 1000 && value == Math.Truncate(value)))
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
