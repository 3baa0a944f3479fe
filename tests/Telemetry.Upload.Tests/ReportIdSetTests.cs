using Telemetry.Upload.Internal;

namespace Telemetry.Upload.Tests;

/// <summary>The file partition's id index matches report_ids exactly, whatever their form.</summary>
[TestFixture]
public sealed class ReportIdSetTests
{
    private const string Canonical = "0b8e4a52-8e0c-4c1e-9a51-2f6d3c1b7e90";

    [TestCase(Canonical)]
    [TestCase("0B8E4A52-8E0C-4C1E-9A51-2F6D3C1B7E90")]
    [TestCase("0b8e4a528e0c4c1e9a512f6d3c1b7e90")]
    [TestCase("{0b8e4a52-8e0c-4c1e-9a51-2f6d3c1b7e90}")]
    [TestCase("not-a-uuid")]
    [TestCase("")]
    public void Contains_AddedId_IsTrueForItAlone(string reportId)
    {
        // Arrange
        var ids = new ReportIdSet(1_000);

        // Act
        ids.Add(reportId);

        // Assert: the other spellings of the same UUID are different report_ids.
        var others = new[] { Canonical, Canonical.ToUpperInvariant(), Canonical.Replace("-", "", StringComparison.Ordinal), "{" + Canonical + "}", "not-a-uuid", "" }
            .Where(other => other != reportId);
        Assert.Multiple(() =>
        {
            Assert.That(ids.Contains(reportId), Is.True);
            foreach (var other in others)
            {
                Assert.That(ids.Contains(other), Is.False, other);
            }
        });
    }

    [Test]
    public void Contains_MoreIdsThanCapacity_ForgetsOnlyTheOldest()
    {
        // Arrange
        var ids = new ReportIdSet(800);
        var added = Enumerable.Range(0, 2_000).Select(i => new Guid(i, 0, 0, new byte[8]).ToString()).ToList();

        // Act
        foreach (var id in added)
        {
            ids.Add(id);
        }

        // Assert: the latest 800 are all remembered, no more than 900 are, and the first ones are forgotten.
        var remembered = added.Count(ids.Contains);
        Assert.Multiple(() =>
        {
            Assert.That(added.TakeLast(800).All(ids.Contains), Is.True);
            Assert.That(remembered, Is.InRange(800, 900));
            Assert.That(ids.Contains(added[0]), Is.False);
        });
    }
}
