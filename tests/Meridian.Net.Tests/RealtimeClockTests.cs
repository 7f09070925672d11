using Meridian.Protocol;

namespace Meridian.Net.Tests;

public class RealtimeClockTests
{
    [Fact]
    public void ReadsTheSystemClock()
    {
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        long now = RealtimeClock.Now().ToUnixNanoseconds(before);
        long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000 + 1_000_000;

        Assert.InRange(now, before, after);
    }

    [Fact]
    public void MeasuresASubMicrosecondPrecision_OnThisKindOfMachine()
    {
        sbyte precision = RealtimeClock.MeasurePrecision();

        Assert.InRange(precision, -30, -10);
    }

    [Fact]
    public void NeverGoesBackwards_BetweenTwoReadings()
    {
        NtpTimestamp first = RealtimeClock.Now();
        NtpTimestamp second = RealtimeClock.Now();

        Assert.True(second.SecondsSince(first) >= 0);
    }
}
