using Meridian.Core.RateLimiting;
using Meridian.Core.Tests.Access;

namespace Meridian.Core.Tests.RateLimiting;

/// <summary>What the limiter records per client for reports: packets, drops, kisses, times, gaps, interval.</summary>
public class ClientStatisticsTests
{
    private const double Start = 1000;

    private static readonly NetEndpoint Client = Addresses.Parse("192.0.2.44");

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(10, 0, 0)]
    [InlineData(15, 5, 1)]
    [InlineData(300, 290, 1)]
    public void CountsPacketsDropsAndKisses(int requests, int drops, int kods)
    {
        RateLimiter limiter = Limiters.Create();
        for (int i = 0; i < requests; i++)
        {
            limiter.Decide(Client, Limiters.At(Start), true, Limiters.NoLeak);
        }

        ClientRecord record = Limiters.OnlyRecord(limiter);
        Assert.Equal((uint)requests, record.Packets);
        Assert.Equal(drops, record.Drops);
        Assert.Equal(kods, record.Kods);
    }

    [Fact]
    public void CountsLeakedAnswers_AsDrops()
    {
        RateLimiter limiter = Limiters.Create(leak: 4);
        Limiters.CountAllowed(limiter, Client, Limiters.At(Start), 10);

        Assert.Equal(RateDecision.Allow, limiter.Decide(Client, Limiters.At(Start), false, 0));

        Assert.Equal(1, Limiters.OnlyRecord(limiter).Drops);
    }

    [Fact]
    public void SaturatesTheDropCounter()
    {
        RateLimiter limiter = Limiters.Create();

        Limiters.CountAllowed(limiter, Client, Limiters.At(Start), 70_000);

        Assert.Equal(ushort.MaxValue, Limiters.OnlyRecord(limiter).Drops);
        Assert.Equal(70_000u, Limiters.OnlyRecord(limiter).Packets);
    }

    [Fact]
    public void CountsKissesOncePerInterval()
    {
        RateLimiter limiter = Limiters.Create();
        for (int i = 0; i < 2_000; i++)
        {
            limiter.Decide(Client, Limiters.At(Start + (i * 0.25)), true, Limiters.NoLeak);
        }

        // 500 s of over-limit traffic: a kiss at 0 s, 50 s, ..., 450 s.
        Assert.Equal(10, Limiters.OnlyRecord(limiter).Kods);
    }

    [Fact]
    public void RecordsFirstAndLastSeen_In256thsOfASecond()
    {
        RateLimiter limiter = Limiters.Create();

        limiter.Decide(Client, Limiters.At(10), false, Limiters.NoLeak);
        limiter.Decide(Client, Limiters.At(11.25), false, Limiters.NoLeak);
        limiter.Decide(Client, Limiters.At(12.5), false, Limiters.NoLeak);

        ClientRecord record = Limiters.OnlyRecord(limiter);
        Assert.Equal(2560u, record.FirstSeen);
        Assert.Equal(3200u, record.LastSeen);
        Assert.Equal(ClientTable.Ticks(Limiters.At(12.5)), record.LastSeen);
    }

    [Fact]
    public void RecordsNoGap_ForASingleRequest()
    {
        RateLimiter limiter = Limiters.Create();

        limiter.Decide(Client, Limiters.At(Start), false, Limiters.NoLeak);

        Assert.Equal(ClientRecord.NoGap, Limiters.OnlyRecord(limiter).MinGap);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(500, 125)]
    [InlineData(1000, 250)]
    [InlineData(1024, ClientRecord.NoGap)]
    [InlineData(2000, ClientRecord.NoGap)]
    [InlineData(64_000, ClientRecord.NoGap)]
    public void RecordsTheGapBetweenTwoRequests_InFourMillisecondUnits(int gapMs, byte expected)
    {
        RateLimiter limiter = Limiters.Create();

        limiter.Decide(Client, Limiters.At(Start), false, Limiters.NoLeak);
        limiter.Decide(Client, Limiters.At(Start + (gapMs / 1000.0)), false, Limiters.NoLeak);

        Assert.Equal(expected, Limiters.OnlyRecord(limiter).MinGap);
    }

    /// <summary>
    /// A 20 ms gap is 5 ticks of 1/256 s (19.5 ms); the minimum gap is rounded to the nearest 4 ms
    /// unit, 5 (20 ms).
    /// </summary>
    [Fact]
    public void RecordsTwoRequests20MsApart_AsAMinGapOf5()
    {
        RateLimiter limiter = Limiters.Create();

        limiter.Decide(Client, Limiters.At(Start), false, Limiters.NoLeak);
        limiter.Decide(Client, Limiters.At(Start + 0.020), false, Limiters.NoLeak);

        Assert.Equal(5, Limiters.OnlyRecord(limiter).MinGap);
    }

    [Fact]
    public void KeepsTheShortestGap()
    {
        RateLimiter limiter = Limiters.Create();
        double[] times = [Start, Start + 1, Start + 1.5, Start + 3.5, Start + 64];

        foreach (double t in times)
        {
            limiter.Decide(Client, Limiters.At(t), false, Limiters.NoLeak);
        }

        Assert.Equal(125, Limiters.OnlyRecord(limiter).MinGap);
    }

    [Theory]
    [InlineData(2, 32)]
    [InlineData(16, 256)]
    [InlineData(64, 1024)]
    [InlineData(1024, 16384)]
    [InlineData(4096, ushort.MaxValue)]
    public void RecordsTheIntervalOfRegularPolls_InSixteenthsOfASecond(int pollSeconds, int expected)
    {
        RateLimiter limiter = Limiters.Create();

        for (int i = 0; i < 20; i++)
        {
            limiter.Decide(Client, Limiters.At(Start + (i * pollSeconds)), false, Limiters.NoLeak);
        }

        Assert.Equal(expected, Limiters.OnlyRecord(limiter).IntervalSixteenths);
    }

    [Fact]
    public void SmoothsTheInterval_AnEighthOfTheWayTowardEachNewGap()
    {
        RateLimiter limiter = Limiters.Create();
        double t = Start;
        for (int i = 0; i < 5; i++, t += 64)
        {
            limiter.Decide(Client, Limiters.At(t), false, Limiters.NoLeak);
        }

        limiter.Decide(Client, Limiters.At(t - 64 + 16), false, Limiters.NoLeak);

        // 1024 + (256 − 1024) / 8
        Assert.Equal(928, Limiters.OnlyRecord(limiter).IntervalSixteenths);
    }
}
