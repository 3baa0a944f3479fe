namespace Telemetry.Grpc.Tests.Unit;

[TestFixture]
public sealed class MetadataTests
{
    [Test]
    public void Add_UpperCaseKey_StoresLowerCase()
    {
        // Arrange
        var metadata = new Metadata();

        // Act
        metadata.Add("X-Tenant", "a");

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(metadata[0].Key, Is.EqualTo("x-tenant"));
            Assert.That(metadata.GetValue("x-tenant"), Is.EqualTo("a"));
        });
    }

    [TestCase("bad key")]
    [TestCase("bad:key")]
    [TestCase("")]
    public void Add_InvalidKey_Throws(string key)
    {
        // Act & Assert
        Assert.That(() => new Metadata { { key, "v" } }, Throws.InstanceOf<ArgumentException>());
    }

    [TestCase("line\nbreak")]
    [TestCase("caf\u00e9")]
    public void Add_NonPrintableAsciiValue_Throws(string value)
    {
        // Act & Assert
        Assert.That(() => new Metadata { { "x-key", value } }, Throws.ArgumentException);
    }

    [Test]
    public void Add_TextValueForBinaryKey_Throws()
    {
        // Act & Assert
        Assert.That(() => new Metadata { { "x-key-bin", "text" } }, Throws.ArgumentException);
    }

    [Test]
    public void Add_BytesForTextKey_Throws()
    {
        // Act & Assert
        Assert.That(() => new Metadata { { "x-key", new byte[] { 1 } } }, Throws.ArgumentException);
    }

    [Test]
    public void GetAll_DuplicateKeys_KeepsOrder()
    {
        // Arrange
        var metadata = new Metadata { { "x-a", "1" }, { "x-b", "2" }, { "x-a", "3" } };

        // Act
        var values = metadata.GetAll("x-a").Select(e => e.Value);

        // Assert
        Assert.That(values, Is.EqualTo(new List<string> { "1", "3" }));
    }
}
