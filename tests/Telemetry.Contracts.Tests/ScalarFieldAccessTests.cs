using Telemetry.V1;

namespace Telemetry.Contracts.Tests;

[TestFixture]
public sealed class ScalarFieldAccessTests
{
    [Test]
    public void Getter_ReadsTheFieldConvertedToTheAskedType()
    {
        // Arrange
        var counter = new Counter { Total = -42, Rate = 2.5 };
        var total = ScalarFieldAccess.Getter<long>(Counter.Descriptor.FindFieldByName("total"));
        var rateAsDouble = ScalarFieldAccess.Getter<double>(Counter.Descriptor.FindFieldByName("rate"));
        var countAsDouble = ScalarFieldAccess.Getter<double>(Histogram.Descriptor.FindFieldByName("count"));

        // Act & Assert
        Assert.Multiple(() =>
        {
            Assert.That(total(counter), Is.EqualTo(-42L));
            Assert.That(rateAsDouble(counter), Is.EqualTo(2.5));
            Assert.That(countAsDouble(new Histogram { Count = 7 }), Is.EqualTo(7.0));
        });
    }

    [Test]
    public void Setter_WritesTheField()
    {
        // Arrange
        var histogram = new Histogram { Count = 1 };
        var count = ScalarFieldAccess.Setter<ulong>(Histogram.Descriptor.FindFieldByName("count"));

        // Act
        count(histogram, 123_000);

        // Assert
        Assert.That(histogram.Count, Is.EqualTo(123_000UL));
    }

    [Test]
    public void Getter_OfARepeatedField_IsRefused()
    {
        // Act & Assert
        Assert.That(() => ScalarFieldAccess.Getter<double>(Histogram.Descriptor.FindFieldByName("bounds")),
            Throws.ArgumentException.With.Message.Contains("telemetry.v1.Histogram.bounds is not a singular scalar field"));
    }
}
