namespace Telemetry.Buffer.Tests;

[TestFixture]
public sealed class StreamIdsTests
{
    [TestCase("1700000000000-3", "1700000000000-4")]
    [TestCase("1700000000000-18446744073709551615", "1700000000001-0")]
    [TestCase("1700000000000", "1700000000000-1")]
    public void Next_Id_IsTheSmallestIdAfterIt(string id, string expected)
    {
        // Act
        var next = StreamIds.Next(id);

        // Assert
        Assert.That(next, Is.EqualTo(expected));
    }

    [TestCase("1700000000000-3", "1700000000000-10", -1)]
    [TestCase("1700000000001-0", "1700000000000-10", 1)]
    [TestCase("5-5", "5-5", 0)]
    public void Compare_TwoIds_OrdersByTimeThenSequence(string left, string right, int expected)
    {
        // Act
        var order = Math.Sign(StreamIds.Compare(left, right));

        // Assert
        Assert.That(order, Is.EqualTo(expected));
    }
}
