using Meridian.Core.Leap;
using Meridian.Protocol;
using static Meridian.Core.Tests.Leap.LeapFixture;

namespace Meridian.Core.Tests.Leap;

public class LeapClockTests
{
    private static readonly NtpTimestamp At = Utc(2026, 12, 1);

    private static double Served(LeapClock clock, double secondsFromLeap) =>
        clock.Apply(Add(At, secondsFromLeap)).SecondsSince(At);

    private static NtpTimestamp Add(NtpTimestamp t, double seconds) => new(t.Value + (ulong)(long)Math.Round(seconds * 4294967296.0));

    [Fact]
    public void RepeatsTheLastSecond_ForAnInsertion()
    {
        var clock = new LeapClock(0, new LeapEvent(At, LeapIndicator.LastMinuteHas61Seconds), null);

        Assert.Equal(-0.5, Served(clock, -0.5), 9);
        Assert.Equal(-1.0, Served(clock, 0), 9);   // 23:59:60 is served as 23:59:59 again
        Assert.Equal(-0.5, Served(clock, 0.5), 9);
        Assert.Equal(0.5, Served(clock, 1.5), 9);
    }

    [Fact]
    public void NeverServesTheDeletedSecond()
    {
        var clock = new LeapClock(0, new LeapEvent(At, LeapIndicator.LastMinuteHas59Seconds), null);

        Assert.Equal(-1.5, Served(clock, -1.5), 9);   // 23:59:58.5
        for (double t = -1; t < 0; t += 0.125)
        {
            Assert.True(Served(clock, t) >= 0, $"{t}: a timestamp from the deleted second 23:59:59"); // 23:59:59 never appears
        }

        Assert.Equal(1.0, Served(clock, 0), 9);
    }

    [Fact]
    public void KeepsThePassedLeap_AfterSettling()
    {
        var clock = new LeapClock(0, new LeapEvent(At, LeapIndicator.LastMinuteHas61Seconds), null);

        Assert.False(clock.HasPassed(Add(At, 0.5)));
        Assert.True(clock.HasPassed(Add(At, 1)));
        LeapClock settled = clock.Settle();
        Assert.Equal(99.0, Served(settled, 100), 9);
        Assert.Null(settled.Pending);
    }

    [Theory]
    [InlineData(LeapSmearShape.Linear)]
    [InlineData(LeapSmearShape.Cosine)]
    public void SmearsContinuously_OverTheIntervalCentredOnTheLeap(LeapSmearShape shape)
    {
        var clock = new LeapClock(0, new LeapEvent(At, LeapIndicator.LastMinuteHas61Seconds), new LeapSmear(86_400, shape));

        Assert.Equal(-43_200.0, Served(clock, -43_200), 9);
        Assert.Equal(-0.5, Served(clock, 0), 6);
        Assert.Equal(43_199.0, Served(clock, 43_200), 6);
        double previous = Served(clock, -43_200);
        for (double t = -43_140; t <= 43_200; t += 60)
        {
            double served = Served(clock, t);
            Assert.InRange(served - previous, 60 - 60 * 1.6 / 86_400 * 1.01, 60.0000001); // never steps, rate within π/2 of the linear 11.6 ppm
            previous = served;
        }

        Assert.True(clock.IsSmearing(Add(At, -1)));
        Assert.False(clock.IsSmearing(Add(At, -43_201)));
    }
}
