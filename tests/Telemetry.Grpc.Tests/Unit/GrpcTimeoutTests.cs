using Telemetry.Grpc.Internal;

namespace Telemetry.Grpc.Tests.Unit;

[TestFixture]
public sealed class GrpcTimeoutTests
{
    [TestCase("1S", 10_000_000L)]
    [TestCase("250m", 2_500_000L)]
    [TestCase("2M", 1_200_000_000L)]
    [TestCase("1H", 36_000_000_000L)]
    [TestCase("100u", 1_000L)]
    [TestCase("150n", 2L)]
    [TestCase("0m", 0L)]
    [TestCase("99999999S", 999_999_990_000_000L)]
    public void TryParse_ValidHeader_ReturnsTimeout(string header, long expectedTicks)
    {
        // Act
        var parsed = GrpcTimeout.TryParse(header, out var timeout);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(timeout, Is.EqualTo(TimeSpan.FromTicks(expectedTicks)));
        });
    }

    [Test]
    public void TryParse_HugeHours_ClampsToMaximum()
    {
        // Act
        var parsed = GrpcTimeout.TryParse("99999999H", out var timeout);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(timeout, Is.EqualTo(GrpcTimeout.Maximum));
        });
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("S")]
    [TestCase("1")]
    [TestCase("10x")]
    [TestCase("-1S")]
    [TestCase("1.5S")]
    [TestCase("123456789S")]
    [TestCase(" 1S")]
    public void TryParse_InvalidHeader_ReturnsFalse(string? header)
    {
        // Act
        var parsed = GrpcTimeout.TryParse(header, out _);

        // Assert
        Assert.That(parsed, Is.False);
    }

    [TestCase(0L, "1n")]
    [TestCase(-10_000_000L, "1n")]
    [TestCase(10_000L, "1m")]
    [TestCase(1L, "1m")]
    [TestCase(2_500_000L, "250m")]
    [TestCase(12_345_000L, "1240m")]
    [TestCase(10_000_000L, "1S")]
    [TestCase(600_000_000L, "1M")]
    [TestCase(36_000_000_000L, "1H")]
    [TestCase(10_010_000_000L, "1001S")]
    [TestCase(10_000_000_001L, "1001S")]
    [TestCase(72_000_000_000L, "2H")]
    public void Encode_Timeout_ReturnsHeader(long ticks, string expected)
    {
        // Act
        var header = GrpcTimeout.Encode(TimeSpan.FromTicks(ticks));

        // Assert
        Assert.That(header, Is.EqualTo(expected));
    }

    [TestCase(1L)]
    [TestCase(12_345_678L)]
    [TestCase(9_999_999_999L)]
    [TestCase(123_456_789_012L)]
    public void EncodeThenParse_Timeout_NeverShortens(long ticks)
    {
        // Act
        var valid = GrpcTimeout.TryParse(GrpcTimeout.Encode(TimeSpan.FromTicks(ticks)), out var parsed);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(valid, Is.True);
            Assert.That(parsed, Is.GreaterThanOrEqualTo(TimeSpan.FromTicks(ticks)));
        });
    }
}
