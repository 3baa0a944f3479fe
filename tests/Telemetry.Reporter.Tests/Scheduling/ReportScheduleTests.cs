using Telemetry.Reporter.Scheduling;

namespace Telemetry.Reporter.Tests.Scheduling;

[TestFixture]
public sealed class ReportScheduleTests
{
    private static readonly DateTimeOffset Anchor = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(4);

    [TestCase(0, 0)]
    [TestCase(1, 240)]
    [TestCase(239, 240)]
    [TestCase(240, 240)]
    [TestCase(241, 480)]
    [TestCase(-30, 0)]
    public void NextSlot_MinutesAfterAnchor_CeilsToWholeIntervals(int minutesAfter, int expectedMinutes)
    {
        // Act
        var slot = ReportSchedule.NextSlot(Anchor, Interval, Anchor.AddMinutes(minutesAfter));

        // Assert
        Assert.That(slot, Is.EqualTo(Anchor.AddMinutes(expectedMinutes)));
    }

    [Test]
    public void NextSlot_TwoReplicasStartingAtDifferentTimes_AgreeOnTheSlot()
    {
        // Act
        var first = ReportSchedule.NextSlot(Anchor, Interval, Anchor.AddHours(9).AddMinutes(1));
        var second = ReportSchedule.NextSlot(Anchor, Interval, Anchor.AddHours(11).AddMinutes(59));

        // Assert
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void FollowingSlot_OnTime_IsOneIntervalLater()
    {
        // Act
        var following = ReportSchedule.FollowingSlot(Anchor, Interval, Anchor.AddMinutes(5));

        // Assert
        Assert.That(following, Is.EqualTo(Anchor + Interval));
    }

    [Test]
    public void FollowingSlot_ThreeIntervalsMissed_SkipsToTheNextBoundary()
    {
        // Act
        var following = ReportSchedule.FollowingSlot(Anchor, Interval, Anchor.AddHours(13));

        // Assert
        Assert.That(following, Is.EqualTo(Anchor.AddHours(16)));
    }

    [TestCase(0, false)]
    [TestCase(239, false)]
    [TestCase(240, true)]
    [TestCase(500, true)]
    public void IsStale_MinutesAfterSlot_TrueFromOneWholeInterval(int minutesAfter, bool expected)
    {
        // Act
        var stale = ReportSchedule.IsStale(Anchor, Interval, Anchor.AddMinutes(minutesAfter));

        // Assert
        Assert.That(stale, Is.EqualTo(expected));
    }

    [TestCase(1, 1.0, 1)]
    [TestCase(2, 1.0, 2)]
    [TestCase(4, 1.0, 8)]
    [TestCase(20, 1.0, 300)]
    [TestCase(3, 0.0, 2)]
    public void Backoff_Attempt_DoublesUpToTheMaximumScaledByJitter(int attempt, double jitter, int expectedSeconds)
    {
        // Act
        var delay = ReportSchedule.Backoff(attempt, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), jitter);

        // Assert
        Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));
    }

    [Test]
    public void Jitter_Sample_ScalesTheMaximum()
    {
        // Act
        var jitter = ReportSchedule.Jitter(TimeSpan.FromMinutes(10), 0.25);

        // Assert
        Assert.That(jitter, Is.EqualTo(TimeSpan.FromMinutes(2.5)));
    }
}
