using Google.Protobuf;
using Telemetry.V1;

namespace Telemetry.Contracts.Tests;

[TestFixture]
public sealed class MetricKindsTests
{
    [Test]
    public void Counter_JsonWithTotalAndRate_ParsesBothValues()
    {
        // Act
        var counter = JsonParser.Default.Parse<Counter>("""{"total": 42, "rate": 0.5}""");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(counter.Total, Is.EqualTo(42));
            Assert.That(counter.Rate, Is.EqualTo(0.5));
        });
    }
}
