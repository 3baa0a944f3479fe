using Telemetry.Insights.Internal;

namespace Telemetry.Insights.Tests;

public sealed class VersionRangeTests
{
    [TestCase("2.10.0", "2.9.1", null, true)]
    [TestCase("2.9.1", "2.10.0", null, false)]
    [TestCase("v2.10.0", "2.10", "2.10.0", true)]
    [TestCase("2.10.0-rc.1", "2.10.0", null, false)]
    [TestCase("2.10.0-rc.1", "2.9", "2.10.0", true)]
    [TestCase("2.10.0+build.7", "2.10.0", "2.10.0", true)]
    [TestCase("3.0.0", null, "2.99.0", false)]
    [TestCase("nightly", null, null, false)]
    [TestCase("", "0.0.0", null, false)]
    public void Contains_ComparesSemanticVersions(string version, string? min, string? max, bool expected)
    {
        var range = InsightsRequests.Versions(min ?? string.Empty, max ?? string.Empty) ?? new VersionRange(null, null);

        Assert.That(range.Contains(version), Is.EqualTo(expected));
    }

    [Test]
    public void Versions_NeitherBound_IsNoRange()
    {
        Assert.That(InsightsRequests.Versions(string.Empty, string.Empty), Is.Null);
    }

    [TestCase("1.2.3.4", "", "min_version")]
    [TestCase("", "latest", "max_version")]
    [TestCase("1.10", "1.9", "min_version")]
    public void Versions_BadBound_NamesTheField(string min, string max, string expected)
    {
        var exception = Assert.Throws<InsightsQueryException>(() => InsightsRequests.Versions(min, max));

        Assert.That(exception.Parameter, Is.EqualTo(expected));
    }
}
