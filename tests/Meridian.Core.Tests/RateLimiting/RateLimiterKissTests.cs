using Meridian.Core.RateLimiting;
using Meridian.Core.Tests.Access;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.RateLimiting;

/// <summary>Serving policy P7: the RATE kiss is itself rate-limited, at most one per interval per client.</summary>
public class RateLimiterKissTests
{
    private const double Start = 2000;

    private static readonly NetEndpoint Client = Addresses.Parse("203.0.113.9");

    [Theory]
    [InlineData(50, 10)]
    [InlineData(64, 8)]
    public void KissesOnTheFirstOverLimitRequest_ThenDropsUntilTheIntervalHasPassed(int intervalSeconds, int burst)
    {
        RateLimiter limiter = Limiters.Create(intervalSeconds: intervalSeconds, burst: burst);
        MonotonicTime start = Limiters.At(Start);
        Assert.Equal(burst, Limiters.CountAllowed(limiter, Client, start, burst));

        Assert.Equal(RateDecision.Kiss, limiter.Decide(Client, start, true, Limiters.NoLeak));
        Assert.Equal(RateDecision.Drop, limiter.Decide(Client, start, true, Limiters.NoLeak));
        for (int second = 1; second < intervalSeconds; second++)
        {
            Assert.True(FirstRefusal(limiter, start.AddSeconds(second)) == RateDecision.Drop, $"{second} s after the kiss");
        }

        Assert.Equal(RateDecision.Kiss, FirstRefusal(limiter, start.AddSeconds(intervalSeconds)));
        Assert.Equal(RateDecision.Drop, FirstRefusal(limiter, start.AddSeconds(intervalSeconds)));
        Assert.Equal(RateDecision.Drop, FirstRefusal(limiter, start.AddSeconds((2 * intervalSeconds) - 1)));
        Assert.Equal(RateDecision.Kiss, FirstRefusal(limiter, start.AddSeconds(2 * intervalSeconds)));
    }

    [Fact]
    public void NeverKisses_WithoutKissAllowed()
    {
        RateLimiter limiter = Limiters.Create();
        int refusals = 0;
        for (int i = 0; i < 20_000; i++)
        {
            RateDecision decision = limiter.Decide(Client, Limiters.At(Start + (i * 0.05)), false, Limiters.NoLeak);

            Assert.NotEqual(RateDecision.Kiss, decision);
            refusals += decision == RateDecision.Drop ? 1 : 0;
        }

        Assert.True(refusals > 19_000, $"{refusals} refusals");
        Assert.Equal(0, Limiters.OnlyRecord(limiter).Kods);
    }

    [Fact]
    public void KissesEachOverLimitClient_Separately()
    {
        RateLimiter limiter = Limiters.Create();
        MonotonicTime now = Limiters.At(Start);
        NetEndpoint other = Addresses.Parse("2001:db8::9");
        Limiters.CountAllowed(limiter, Client, now, 10);
        Limiters.CountAllowed(limiter, other, now, 10);

        Assert.Equal(RateDecision.Kiss, limiter.Decide(Client, now, true, Limiters.NoLeak));
        Assert.Equal(RateDecision.Kiss, limiter.Decide(other, now, true, Limiters.NoLeak));
        Assert.Equal(RateDecision.Drop, limiter.Decide(Client, now, true, Limiters.NoLeak));
    }

    [Fact]
    public void LetsTheLeakWin_OverAKiss()
    {
        RateLimiter limiter = Limiters.Create(leak: 4);
        MonotonicTime now = Limiters.At(Start);
        Limiters.CountAllowed(limiter, Client, now, 10);

        Assert.Equal(RateDecision.Allow, limiter.Decide(Client, now, true, 0x20));
        Assert.Equal(RateDecision.Kiss, limiter.Decide(Client, now, true, 0x21));
    }

    /// <summary>Sends requests at one instant until one is refused, and returns that refusal.</summary>
    private static RateDecision FirstRefusal(RateLimiter limiter, MonotonicTime now)
    {
        for (int i = 0; i < 100; i++)
        {
            RateDecision decision = limiter.Decide(Client, now, true, Limiters.NoLeak);
            if (decision != RateDecision.Allow)
            {
                return decision;
            }
        }

        throw new Xunit.Sdk.XunitException("no refusal in 100 back-to-back requests");
    }
}
