using Meridian.Core.Leap;
using Meridian.Protocol;
using static Meridian.Core.Tests.Leap.LeapFixture;

namespace Meridian.Core.Tests.Leap;

public class LeapDecisionTests
{
    private const LeapIndicator None = LeapIndicator.NoWarning;
    private const LeapIndicator Insert = LeapIndicator.LastMinuteHas61Seconds;
    private const LeapIndicator Delete = LeapIndicator.LastMinuteHas59Seconds;

    private static readonly NtpTimestamp LastDay = Utc(2026, 11, 30, 23);

    [Fact]
    public void AnnouncesTheFilesLeap_OnlyDuringTheLastDayBeforeIt()
    {
        LeapFile file = Parse("insert-2026-11.list");

        Assert.False(LeapDecision.Decide(file, Utc(2026, 11, 29, 23, 59, 59), []).Announced);
        LeapVerdict lastDay = LeapDecision.Decide(file, Utc(2026, 11, 30), []);
        Assert.True(lastDay.Announced);
        Assert.Equal(Insert, lastDay.Indicator);
        Assert.Equal(LeapSource.File, lastDay.Source);
        Assert.True(LeapDecision.Decide(file, Utc(2026, 11, 30, 23, 59, 59), []).Announced);
        Assert.False(LeapDecision.Decide(file, Utc(2026, 12, 1), []).Announced);
    }

    [Fact]
    public void FollowsAMajorityOfTheSelectedUpstreams_WithoutAFile()
    {
        LeapVerdict verdict = LeapDecision.Decide(null, LastDay, [Delete, Delete, None]);

        Assert.Equal(new LeapEvent(Utc(2026, 12, 1), Delete), verdict.Next);
        Assert.Equal(LeapSource.Upstreams, verdict.Source);
        Assert.Equal(Delete, verdict.Indicator);
    }

    [Theory]
    [InlineData(new[] { Insert })]
    [InlineData(new[] { Insert, None })]
    [InlineData(new[] { Insert, Insert, None, None })]
    [InlineData(new[] { Insert, Delete, None })]
    public void IgnoresTheUpstreams_WithoutAMajorityOfAtLeastTwo(LeapIndicator[] selected)
    {
        Assert.Equal(LeapVerdict.None, LeapDecision.Decide(null, LastDay, selected));
    }

    [Fact]
    public void IgnoresTheUpstreams_BeforeTheLastDayOfTheMonth()
    {
        Assert.Equal(LeapVerdict.None, LeapDecision.Decide(null, Utc(2026, 11, 29, 12), [Insert, Insert, Insert]));
    }

    [Theory]
    [InlineData("valid.list", new[] { Insert, Insert, Insert })]
    [InlineData("insert-2026-11.list", new[] { None, None, None })]
    [InlineData("insert-2026-11.list", new[] { Delete, Delete, Insert })]
    public void FollowsTheFile_AndReportsTheDisagreement_WhenTheUpstreamsDiffer(string name, LeapIndicator[] selected)
    {
        LeapFile file = Parse(name);

        LeapVerdict verdict = LeapDecision.Decide(file, LastDay, selected);

        Assert.Equal(LeapSource.File, verdict.Source);
        Assert.Equal(file.NextLeapAfter(LastDay), verdict.Next);
        Assert.True(verdict.UpstreamsDisagree);
    }

    [Fact]
    public void ComparesTheFileWithTheUpstreams_InTheLastTwoHoursOnly()
    {
        LeapFile file = Parse("insert-2026-11.list");

        Assert.False(LeapDecision.Decide(file, Utc(2026, 11, 30, 21, 59), [None, None, None]).UpstreamsDisagree);
        Assert.True(LeapDecision.Decide(file, Utc(2026, 11, 30, 22, 1), [None, None, None]).UpstreamsDisagree);
    }

    [Fact]
    public void ReportsNoDisagreement_WhenTheUpstreamsConfirmTheFile()
    {
        Assert.False(LeapDecision.Decide(Parse("insert-2026-11.list"), LastDay, [Insert, Insert, None]).UpstreamsDisagree);
    }

    [Theory]
    [InlineData("expired.list")]
    [InlineData("bad-hash.list")]
    [InlineData("damaged.list")]
    public void FallsBackToTheUpstreams_WhenTheFileCannotDecide(string name)
    {
        LeapVerdict verdict = LeapDecision.Decide(Parse(name), LastDay, [Insert, Insert, None]);

        Assert.Equal(LeapSource.Upstreams, verdict.Source);
        Assert.Equal(Insert, verdict.Indicator);
    }
}
