using Meridian.Core.RateLimiting;
using Meridian.Core.Tests.Access;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.RateLimiting;

/// <summary>Serving policy P7: the per-client GCRA arithmetic, and the client patterns it must let through.</summary>
public class RateLimiterTests
{
    private const double Start = 1000;

    /// <summary>Tick counter (1/256 s, 32 bits) wraps here.</summary>
    private const double TickWrapSeconds = 4_294_967_296.0 / ClientTable.TicksPerSecond;

    private static readonly NetEndpoint Client = Addresses.Parse("192.0.2.1");

    [Theory]
    [InlineData(50, 10)]
    [InlineData(64, 8)]
    [InlineData(16, 4)]
    [InlineData(8, 1)]
    public void AllowsBurstBackToBackRequests_AndDropsTheNext(double intervalSeconds, int burst)
    {
        RateLimiter limiter = Limiters.Create(intervalSeconds: intervalSeconds, burst: burst);
        MonotonicTime now = Limiters.At(Start);

        for (int i = 0; i < burst; i++)
        {
            Assert.True(limiter.Decide(Client, now, false, Limiters.NoLeak) == RateDecision.Allow, $"request {i + 1}");
        }

        for (int i = burst; i < burst + 20; i++)
        {
            Assert.True(limiter.Decide(Client, now, false, Limiters.NoLeak) == RateDecision.Drop, $"request {i + 1}");
        }
    }

    [Theory]
    [InlineData(50, 10)]
    [InlineData(64, 8)]
    [InlineData(16, 4)]
    public void RefillsOneRequest_PerIntervalOverBurst(double intervalSeconds, int burst)
    {
        RateLimiter limiter = Limiters.Create(intervalSeconds: intervalSeconds, burst: burst);
        double refill = intervalSeconds / burst;
        Assert.Equal(burst, Limiters.CountAllowed(limiter, Client, Limiters.At(Start), burst + 1));

        Assert.Equal(0, Limiters.CountAllowed(limiter, Client, Limiters.At(Start + refill - 0.01), 1));
        Assert.Equal(1, Limiters.CountAllowed(limiter, Client, Limiters.At(Start + refill), 2));
        Assert.Equal(0, Limiters.CountAllowed(limiter, Client, Limiters.At(Start + (2 * refill) - 0.01), 1));
        Assert.Equal(2, Limiters.CountAllowed(limiter, Client, Limiters.At(Start + (3 * refill)), 3));
    }

    [Fact]
    public void AllowsOneMoreRequest_FiveSecondsAfterTheBurst()
    {
        RateLimiter limiter = Limiters.Create();
        Assert.Equal(10, Limiters.CountAllowed(limiter, Client, Limiters.At(Start), 11));

        Assert.Equal(RateDecision.Drop, limiter.Decide(Client, Limiters.At(Start + 4.99), false, Limiters.NoLeak));
        Assert.Equal(RateDecision.Allow, limiter.Decide(Client, Limiters.At(Start + 5), false, Limiters.NoLeak));
        Assert.Equal(RateDecision.Drop, limiter.Decide(Client, Limiters.At(Start + 5), false, Limiters.NoLeak));
    }

    [Fact]
    public void RefillsTheWholeBurst_AfterOneIdleInterval()
    {
        RateLimiter limiter = Limiters.Create();
        Assert.Equal(10, Limiters.CountAllowed(limiter, Client, Limiters.At(Start), 20));

        Assert.Equal(10, Limiters.CountAllowed(limiter, Client, Limiters.At(Start + 50), 20));
        Assert.Equal(10, Limiters.CountAllowed(limiter, Client, Limiters.At(Start + 3600), 20));
    }

    [Fact]
    public void KeepsEachClientsBucketApart()
    {
        RateLimiter limiter = Limiters.Create();
        MonotonicTime now = Limiters.At(Start);

        Assert.Equal(10, Limiters.CountAllowed(limiter, Client, now, 20));
        Assert.Equal(10, Limiters.CountAllowed(limiter, Addresses.Parse("192.0.2.2"), now, 20));
        Assert.Equal(10, Limiters.CountAllowed(limiter, Addresses.Parse("2001:db8::1"), now, 20));
        Assert.Equal(0, Limiters.CountAllowed(limiter, Addresses.Parse("2001:db8::2"), now, 20));
    }

    [Theory]
    [InlineData(16, 1)]
    [InlineData(64, 1)]
    [InlineData(64, 7)]
    [InlineData(1024, 7)]
    public void AllowsIburstThenRegularPolls_Forever(int pollSeconds, int days)
    {
        RateLimiter limiter = Limiters.Create();
        double t = Start;
        for (int i = 0; i < 8; i++, t += 2)
        {
            Assert.True(limiter.Decide(Client, Limiters.At(t), false, Limiters.NoLeak) == RateDecision.Allow, $"iburst request {i + 1}");
        }

        for (t += pollSeconds - 2; t < Start + (days * 86_400.0); t += pollSeconds)
        {
            Assert.True(limiter.Decide(Client, Limiters.At(t), false, Limiters.NoLeak) == RateDecision.Allow, $"poll at {t - Start} s");
        }

        Assert.Equal(10, Limiters.CountAllowed(limiter, Client, Limiters.At(t), 11));
    }

    [Fact]
    public void AllowsTheNtpPoolMonitor_ThreeRequestsTwoSecondsApartEveryTenMinutes()
    {
        RateLimiter limiter = Limiters.Create();
        double round = Start;
        for (; round < Start + (2 * 86_400.0); round += 600)
        {
            for (int i = 0; i < 3; i++)
            {
                MonotonicTime now = Limiters.At(round + (2 * i));
                Assert.True(limiter.Decide(Client, now, false, Limiters.NoLeak) == RateDecision.Allow, $"request {i + 1} of the round at {round - Start} s");
            }
        }

        Assert.Equal(10, Limiters.CountAllowed(limiter, Client, Limiters.At(round), 11));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(2)]
    [InlineData(1)]
    public void EventuallyLimitsAClient_PollingFasterThanTheSustainedRate(double pollSeconds)
    {
        RateLimiter limiter = Limiters.Create();
        int allowed = 0;
        int requests = (int)(600 / pollSeconds);
        for (int i = 0; i < requests; i++)
        {
            if (limiter.Decide(Client, Limiters.At(Start + (i * pollSeconds)), false, Limiters.NoLeak) == RateDecision.Allow)
            {
                allowed++;
            }
        }

        // Over 600 s: the burst of 10 plus one request per 5 s.
        Assert.InRange(allowed, 10 + 119, 10 + 121);
    }

    [Fact]
    public void KeepsLimiting_AcrossTheTickCounterWrap()
    {
        RateLimiter limiter = Limiters.Create();
        double start = TickWrapSeconds - 2;
        Assert.Equal(10, Limiters.CountAllowed(limiter, Client, Limiters.At(start), 11));

        Assert.Equal(0, Limiters.CountAllowed(limiter, Client, Limiters.At(start + 4), 5));
        Assert.Equal(1, Limiters.CountAllowed(limiter, Client, Limiters.At(start + 5), 5));
        Assert.Equal(0, Limiters.CountAllowed(limiter, Client, Limiters.At(start + 9.9), 5));
    }

    [Fact]
    public void KeepsAnsweringAPollingClient_AcrossTheTickCounterWrap()
    {
        RateLimiter limiter = Limiters.Create();
        double t = TickWrapSeconds - 640;
        for (; t < TickWrapSeconds + 640; t += 64)
        {
            Assert.True(limiter.Decide(Client, Limiters.At(t), false, Limiters.NoLeak) == RateDecision.Allow, $"poll at {t - TickWrapSeconds} s from the wrap");
        }

        Assert.Equal(10, Limiters.CountAllowed(limiter, Client, Limiters.At(t), 11));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    [InlineData(90)]
    [InlineData(200)]
    public void AllowsAClient_ReturningAfterDaysOfSilence(int days)
    {
        RateLimiter limiter = Limiters.Create();
        Assert.Equal(RateDecision.Allow, limiter.Decide(Client, Limiters.At(Start), false, Limiters.NoLeak));

        Assert.Equal(10, Limiters.CountAllowed(limiter, Client, Limiters.At(Start + (days * 86_400.0)), 11));
    }

    /// <summary>
    /// A client silent for months (more than 2^31 ticks of 1/256 s, 97 days) whose record is still in
    /// the table has a full bucket: the 32-bit arrival-time difference must not wrap into "over the limit".
    /// </summary>
    [Theory]
    [InlineData(98)]
    [InlineData(120)]
    [InlineData(190)]
    public void AllowsAClient_ReturningAfterMoreThan97DaysOfSilence(int days)
    {
        RateLimiter limiter = Limiters.Create();
        Assert.Equal(RateDecision.Allow, limiter.Decide(Client, Limiters.At(Start), false, Limiters.NoLeak));

        Assert.Equal(RateDecision.Allow, limiter.Decide(Client, Limiters.At(Start + (days * 86_400.0)), false, Limiters.NoLeak));
    }

    /// <summary>
    /// The limiter's time is monotonic, but receive times mapped from kernel timestamps can step
    /// back by milliseconds between two batches (the two clocks are read one after the other). Such
    /// a step must not read as 194 days of silence and hand the client a fresh burst.
    /// </summary>
    [Theory]
    [InlineData(1.0 / 256)]
    [InlineData(0.004)]
    [InlineData(0.5)]
    [InlineData(59)]
    public void KeepsLimiting_WhenTheClockStepsBackALittle(double stepBack)
    {
        RateLimiter limiter = Limiters.Create();
        Assert.Equal(10, Limiters.CountAllowed(limiter, Client, Limiters.At(Start + 60), 16));

        Assert.Equal(0, Limiters.CountAllowed(limiter, Client, Limiters.At(Start + 60 - stepBack), 4));
        Assert.Equal(0, Limiters.CountAllowed(limiter, Client, Limiters.At(Start + 60), 4));
    }
}
