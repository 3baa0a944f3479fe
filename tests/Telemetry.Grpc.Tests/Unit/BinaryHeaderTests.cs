using Telemetry.Grpc.Internal;

namespace Telemetry.Grpc.Tests.Unit;

[TestFixture]
public sealed class BinaryHeaderTests
{
    [TestCase("q6ur", new byte[] { 0xab, 0xab, 0xab })]
    [TestCase("q6urqw==", new byte[] { 0xab, 0xab, 0xab, 0xab })]
    [TestCase("q6urqw", new byte[] { 0xab, 0xab, 0xab, 0xab })]
    [TestCase("q6urq6s=", new byte[] { 0xab, 0xab, 0xab, 0xab, 0xab })]
    [TestCase("q6urq6s", new byte[] { 0xab, 0xab, 0xab, 0xab, 0xab })]
    [TestCase("", new byte[0])]
    public void TryDecodeOne_PaddedOrUnpadded_ReturnsBytes(string value, byte[] expected)
    {
        // Act
        var decoded = BinaryHeader.TryDecodeOne(value, out var bytes);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(decoded, Is.True);
            Assert.That(bytes, Is.EqualTo(expected));
        });
    }

    [TestCase("q")]
    [TestCase("q6urq")]
    [TestCase("q6u!")]
    public void TryDecodeOne_Invalid_ReturnsFalse(string value)
    {
        // Act
        var decoded = BinaryHeader.TryDecodeOne(value, out _);

        // Assert
        Assert.That(decoded, Is.False);
    }

    [Test]
    public void TryDecode_CommaJoinedValues_ReturnsEach()
    {
        // Arrange
        var results = new List<byte[]>();

        // Act
        var decoded = BinaryHeader.TryDecode("AQ==, Ag", results);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(decoded, Is.True);
            Assert.That(results, Is.EqualTo(new[] { new byte[] { 1 }, new byte[] { 2 } }));
        });
    }

    [Test]
    public void Encode_Bytes_ReturnsUnpaddedBase64()
    {
        // Act
        var encoded = BinaryHeader.Encode([0xab, 0xab, 0xab, 0xab]);

        // Assert
        Assert.That(encoded, Is.EqualTo("q6urqw"));
    }
}
