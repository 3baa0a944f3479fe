using Telemetry.Contracts.Privacy;

namespace Telemetry.Contracts.Tests.Privacy;

[TestFixture]
public sealed class SignificantDigitsTests
{
    [TestCase(0L, 0L)]
    [TestCase(999L, 999L)]
    [TestCase(1234L, 1230L)]
    [TestCase(1235L, 1240L)]
    [TestCase(123456L, 123000L)]
    [TestCase(-123456L, -123000L)]
    [TestCase(14106624L, 14100000L)]
    [TestCase(long.MaxValue, 9220000000000000000L)]
    public void RoundNumber_Int64_KeepsThreeSignificantDigits(long value, long expected)
    {
        // Act
        var rounded = SignificantDigits.RoundNumber(value);

        // Assert
        Assert.That(rounded, Is.EqualTo(expected));
    }

    [TestCase(999L)]
    [TestCase(-42)]
    [TestCase(7u)]
    [TestCase(123000UL)]
    [TestCase(0.125)]
    [TestCase(640.0)]
    [TestCase(2.5f)]
    public void RoundNumber_NumberThatRoundingLeavesAsItIs_ReturnsTheSameObject(object value)
    {
        // Act
        var rounded = SignificantDigits.RoundNumber(value);

        // Assert
        Assert.That(rounded, Is.SameAs(value));
    }

    [TestCase(1234, 1230)]
    [TestCase(4_294_967_295u, 4_290_000_000u)]
    [TestCase(1234.5f, 1230f)]
    public void RoundNumber_OtherProtobufTypes_KeepTheirType(object value, object expected)
    {
        // Act
        var rounded = SignificantDigits.RoundNumber(value);

        // Assert
        Assert.That(rounded, Is.EqualTo(expected).And.TypeOf(expected.GetType()));
    }

    [Test]
    public void RoundNumber_Int32NearMaximum_RoundsTowardZeroInsteadOfOverflowing()
    {
        // Act
        var rounded = SignificantDigits.RoundNumber(int.MaxValue);

        // Assert
        Assert.That(rounded, Is.EqualTo(2_140_000_000));
    }

    [Test]
    public void RoundNumber_UInt64Maximum_StaysInRange()
    {
        // Act
        var rounded = SignificantDigits.RoundNumber(ulong.MaxValue);

        // Assert
        Assert.That(rounded, Is.EqualTo(18_400_000_000_000_000_000UL));
    }

    [TestCase(0.0, 0.0)]
    [TestCase(123456.0, 123000.0)]
    [TestCase(0.08786506719453682, 0.0879)]
    [TestCase(27086848.0, 27100000.0)]
    [TestCase(double.NaN, double.NaN)]
    public void Round_Double_KeepsThreeSignificantDigits(double value, double expected)
    {
        // Act
        var rounded = SignificantDigits.Round(value);

        // Assert
        Assert.That(rounded, Is.EqualTo(expected));
    }
}
