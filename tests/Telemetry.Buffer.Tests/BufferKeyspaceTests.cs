namespace Telemetry.Buffer.Tests;

[TestFixture]
public sealed class BufferKeyspaceTests
{
    [Test]
    public void Keys_OfOneAppend_ShareOneHashTag()
    {
        // Arrange
        var keys = new BufferKeyspace("telemetry:v1:", 4);
        var instanceKey = "0b8e4a52-8e0c-4c1e-9a51-2f6d3c1b7e90";
        var shard = keys.ShardOf(instanceKey);

        // Act: the keys the append script touches, as Redis Cluster hashes them.
        var tags = new[] { keys.Stream(shard), keys.Stats(shard), keys.ReportIds(shard), keys.RateLimit(shard, "mimir", instanceKey), keys.DeadLetters(shard) }.Select(k => HashTag(k!)).Distinct().ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(tags, Is.EqualTo(new[] { $"shard-{shard}" }));
            Assert.That((string?)keys.Stream(shard), Is.EqualTo($"telemetry:v1:{{shard-{shard}}}:reports"));
            Assert.That((string?)keys.ReportIds(shard), Is.EqualTo($"telemetry:v1:{{shard-{shard}}}:report-ids"));
            Assert.That((string?)keys.RateLimit(shard, "mimir", instanceKey), Is.EqualTo($"telemetry:v1:{{shard-{shard}}}:ratelimit:mimir:{instanceKey}"));
        });
    }

    [Test]
    public void ShardOf_ManyReportIds_StableAndSpread()
    {
        // Arrange
        var keys = new BufferKeyspace("telemetry:v1:", 4);
        var again = new BufferKeyspace("other:", 4);
        var ids = Enumerable.Range(0, 4000).Select(_ => Guid.NewGuid().ToString()).ToList();

        // Act
        var shards = ids.Select(keys.ShardOf).ToList();

        // Assert: every shard gets between 20% and 30% of the reports; the prefix does not matter; the hash is pinned.
        Assert.Multiple(() =>
        {
            Assert.That(shards.GroupBy(s => s).Select(g => g.Count()), Is.All.InRange(800, 1200));
            Assert.That(ids.Select(again.ShardOf), Is.EqualTo(shards));
            Assert.That(keys.ShardOf("0b8e4a52-8e0c-4c1e-9a51-2f6d3c1b7e90"), Is.EqualTo(3), "FNV-1a 1982702651 mod 4: pinned, a change would move installations");
        });
    }

    [Test]
    public void Constructor_PrefixWithBraces_Throws()
    {
        // Act and assert
        Assert.That(() => new BufferKeyspace("telemetry:{v1}:", 4), Throws.ArgumentException);
    }

    private static string HashTag(string key)
    {
        var open = key.IndexOf('{', StringComparison.Ordinal);
        var close = key.IndexOf('}', open + 1);
        return key[(open + 1)..close];
    }
}
