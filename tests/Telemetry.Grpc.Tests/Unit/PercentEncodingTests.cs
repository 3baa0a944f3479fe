using Telemetry.Grpc.Internal;

namespace Telemetry.Grpc.Tests.Unit;

[TestFixture]
public sealed class PercentEncodingTests
{
    private const string SpecialStatusMessage = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";

    [TestCase("plain text", "plain text")]
    [TestCase("100%", "100%25")]
    [TestCase("a\tb", "a%09b")]
    [TestCase("☺", "%E2%98%BA")]
    [TestCase("😈", "%F0%9F%98%88")]
    [TestCase("~ and space", "~ and space")]
    public void Encode_Value_ReturnsPercentEncoded(string value, string expected)
    {
        // Act
        var encoded = PercentEncoding.Encode(value);

        // Assert
        Assert.That(encoded, Is.EqualTo(expected));
    }

    [TestCase("plain text")]
    [TestCase("100% sure")]
    [TestCase(SpecialStatusMessage)]
    [TestCase("")]
    public void EncodeThenDecode_Value_RoundTrips(string value)
    {
        // Act
        var encoded = PercentEncoding.Encode(value);
        var decoded = PercentEncoding.Decode(encoded);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(encoded.All(c => c is >= ' ' and <= '~'), Is.True);
            Assert.That(decoded, Is.EqualTo(value));
        });
    }

    [Test]
    public void Encode_SpecialStatusMessage_MatchesSpec()
    {
        // Act
        var encoded = PercentEncoding.Encode(SpecialStatusMessage);

        // Assert
        Assert.That(
            encoded,
            Is.EqualTo("%09%0Atest with whitespace%0D%0Aand Unicode BMP %E2%98%BA and non-BMP %F0%9F%98%88%09%0A"));
    }

    [TestCase("%", "%")]
    [TestCase("50%", "50%")]
    [TestCase("%4", "%4")]
    [TestCase("%G1x", "%G1x")]
    [TestCase("%zz%41", "%zzA")]
    [TestCase("%e2%98%ba", "☺")]
    public void Decode_MalformedOrLowerCase_NeverFails(string value, string expected)
    {
        // Act
        var decoded = PercentEncoding.Decode(value);

        // Assert
        Assert.That(decoded, Is.EqualTo(expected));
    }
}
