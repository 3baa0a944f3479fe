using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Telemetry.Upload.Tests;

[TestFixture]
public sealed class UploadOptionsTests
{
    [Test]
    public void Bind_Defaults_AreValidAndDocumented()
    {
        // Act
        var options = Resolve([]);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(options.Sink, Is.EqualTo("files"));
            Assert.That(options.Files.Directory, Is.EqualTo("data/reports"));
            Assert.That(options.Files.RotationAge, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(options.Files.RotationIdleTime, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(options.BatchMaxReports, Is.EqualTo(1000));
            Assert.That(options.BatchMaxBytes, Is.EqualTo(4 << 20));
            Assert.That(options.BatchMaxAge, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(options.MaxDeliveries, Is.EqualTo(5));
            Assert.That(options.ClaimIdleTime, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(options.LeaseTime, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(options.Shards, Is.EqualTo(4));
            Assert.That(options.KeyPrefix, Is.EqualTo("telemetry:v1:"));
        });
    }

    [Test]
    public void Bind_RemovedRedisTimeout_FailsNamingTheSettingThatReplacesIt()
    {
        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => Resolve([new("Upload:RedisTimeout", "00:00:05")]));

        // Assert
        Assert.That(exception!.Message, Does.Contain("Upload:RedisTimeout was removed: Redis:OperationTimeout"));
    }

    [Test]
    public void Bind_RedisKeyPrefixOnly_UploaderUsesIt()
    {
        // Act
        var options = Resolve([new("Redis:KeyPrefix", "other:")]);

        // Assert
        Assert.That(options.KeyPrefix, Is.EqualTo("other:"));
    }

    [TestCase("Upload:Sink", "s3", "Upload:Sink")]
    [TestCase("Upload:Sink", "postgres", "Upload:Postgres:ConnectionString")]
    [TestCase("Upload:Sink", "upstream", "Upload:Upstream:Address")]
    [TestCase("Upload:BatchMaxReports", "0", "BatchMaxReports")]
    [TestCase("Upload:MaxDeliveries", "0", "MaxDeliveries")]
    [TestCase("Upload:KeyPrefix", "a{b}:", "KeyPrefix")]
    [TestCase("Upload:Files:RotationBytes", "10", "RotationBytes")]
    [TestCase("Upload:Files:RotationIdleTime", "-00:00:01", "RotationIdleTime")]
    [TestCase("Upload:RetryMaxDelay", "00:00:00.001", "RetryMaxDelay")]
    [TestCase("Upload:ClaimIdleTime", "00:00:00.500", "ClaimIdleTime")]
    public void Bind_InvalidValue_FailsNamingTheSetting(string key, string value, string named)
    {
        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => Resolve([new(key, value)]));

        // Assert
        Assert.That(exception!.Message, Does.Contain(named));
    }

    private static UploadOptions Resolve(KeyValuePair<string, string?>[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddUploadServices(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<UploadOptions>>().Value;
    }
}
