using Microsoft.Extensions.Options;
using Telemetry.Ingestion.Pipeline;

namespace Telemetry.Ingestion.Tests.Pipeline;

[TestFixture]
public sealed class IngestKeyAuthenticatorTests
{
    [TestCase("mimir", null)]
    [TestCase("loki", "anything")]
    public void IsAuthorized_NoKeysConfigured_Open(string product, string? key)
    {
        // Arrange
        var authenticator = Create(new AuthenticationOptions());

        // Act
        var authorized = authenticator.IsAuthorized(product, key);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(authenticator.IsOpen, Is.True);
            Assert.That(authorized, Is.True);
        });
    }

    [TestCase("mimir", "m-1", true)]
    [TestCase("mimir", "m-2", true)]
    [TestCase("mimir", "m-3", false)]
    [TestCase("mimir", "M-1", false)]
    [TestCase("mimir", "", false)]
    [TestCase("mimir", null, false)]
    [TestCase("mimir", "t-1", false)]
    [TestCase("tempo", "t-1", true)]
    [TestCase("tempo", "all", true)]
    [TestCase("qdrant", "all", true)]
    [TestCase("qdrant", "m-1", false)]
    public void IsAuthorized_KeysConfigured_MatchesProductOrWildcardKeys(string product, string? key, bool expected)
    {
        // Arrange
        var authenticator = Create(new AuthenticationOptions
        {
            IngestKeys =
            {
                ["mimir"] = ["m-1", "m-2"],
                ["tempo"] = ["t-1"],
                ["*"] = ["all"],
            },
        });

        // Act
        var authorized = authenticator.IsAuthorized(product, key);

        // Assert
        Assert.That(authorized, Is.EqualTo(expected));
    }

    [TestCase("s3cret-token", true)]
    [TestCase("s3cret-token ", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void IsAdmin_TokenConfigured_MatchesExactly(string? token, bool expected)
    {
        // Arrange
        var authenticator = Create(new AuthenticationOptions { AdminToken = "s3cret-token" });

        // Act
        var admin = authenticator.IsAdmin(token);

        // Assert
        Assert.That(admin, Is.EqualTo(expected));
    }

    [Test]
    public void IsAdmin_NoTokenConfigured_NeverAdmin()
    {
        // Act
        var admin = Create(new AuthenticationOptions()).IsAdmin("");

        // Assert
        Assert.That(admin, Is.False);
    }

    private static IngestKeyAuthenticator Create(AuthenticationOptions options) => new(Options.Create(options));
}
