using Meridian.Core.RateLimiting;
using Meridian.Core.Tests.Access;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.RateLimiting;

/// <summary>Serving policy P7: the random leak, so a spoofed flood cannot silence the real owner of an address.</summary>
public class RateLimiterLeakTests
{
    private const int OverLimitDecisions = 16_000;

    private static readonly NetEndpoint Client = Addresses.Parse("198.51.100.20");

    private static readonly MonotonicTime Now = Limiters.At(5000);

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(20_240_601)]
    public void LetsThroughAboutOneInSixteenOverLimitRequests_WithLeak4(int seed)
    {
        int leaked = CountLeaked(Limiters.Create(leak: 4), new Random(seed));

        // Binomial(16 000, 1/16): mean 1000, standard deviation 30.6; the bounds are about 5 deviations.
        Assert.True(leaked is >= 850 and <= 1150, $"seed {seed}: {leaked} of {OverLimitDecisions} over-limit requests let through, expected about 1000");
    }

    [Theory]
    [InlineData(1, 8000)]
    [InlineData(2, 4000)]
    [InlineData(6, 250)]
    public void LetsThroughOneInTwoToTheLeak(int leak, int expected)
    {
        const int seed = 77;
        int leaked = CountLeaked(Limiters.Create(leak: leak), new Random(seed));

        double tolerance = 5 * Math.Sqrt(expected * (1 - ((double)expected / OverLimitDecisions)));
        Assert.True(Math.Abs(leaked - expected) <= tolerance, $"seed {seed}, leak {leak}: {leaked} let through, expected {expected} ± {tolerance:0}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    public void LetsNothingThrough_WithLeak0(int seed)
    {
        int leaked = CountLeaked(Limiters.Create(leak: 0), new Random(seed));

        Assert.True(leaked == 0, $"seed {seed}: {leaked} over-limit requests let through with leak 0");
    }

    [Theory]
    [InlineData(4, 0u, RateDecision.Allow)]
    [InlineData(4, 16u, RateDecision.Allow)]
    [InlineData(4, 0x0001_0000u, RateDecision.Allow)]
    [InlineData(4, 0xFFFF_FFF0u, RateDecision.Allow)]
    [InlineData(4, 1u, RateDecision.Drop)]
    [InlineData(4, 8u, RateDecision.Drop)]
    [InlineData(4, 15u, RateDecision.Drop)]
    [InlineData(4, 0xFFFF_FFFFu, RateDecision.Drop)]
    [InlineData(1, 2u, RateDecision.Allow)]
    [InlineData(1, 3u, RateDecision.Drop)]
    [InlineData(8, 256u, RateDecision.Allow)]
    [InlineData(8, 128u, RateDecision.Drop)]
    [InlineData(0, 0u, RateDecision.Drop)]
    public void LetsTheLowBitsOfTheRandomValueDecide(int leak, uint random, RateDecision expected)
    {
        RateLimiter limiter = Limiters.Create(leak: leak);
        Assert.Equal(10, Limiters.CountAllowed(limiter, Client, Now, 11));

        Assert.Equal(expected, limiter.Decide(Client, Now, false, random));
    }

    [Fact]
    public void DoesNotSpendTheRandomValue_WithinTheLimit()
    {
        RateLimiter limiter = Limiters.Create(leak: 4);

        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(RateDecision.Allow, limiter.Decide(Client, Now, false, 1));
        }

        Assert.Equal(RateDecision.Drop, limiter.Decide(Client, Now, false, 1));
    }

    [Fact]
    public void DoesNotRefillTheBucket_WithALeakedAnswer()
    {
        RateLimiter limiter = Limiters.Create(leak: 4);
        Assert.Equal(10, Limiters.CountAllowed(limiter, Client, Now, 11));

        Assert.Equal(RateDecision.Allow, limiter.Decide(Client, Now, false, 0));
        Assert.Equal(0, Limiters.CountAllowed(limiter, Client, Now.AddSeconds(4.9), 3));
        Assert.Equal(1, Limiters.CountAllowed(limiter, Client, Now.AddSeconds(5), 3));
    }

    private static int CountLeaked(RateLimiter limiter, Random random)
    {
        Assert.Equal(10, Limiters.CountAllowed(limiter, Client, Now, 10));
        int leaked = 0;
        for (int i = 0; i < OverLimitDecisions; i++)
        {
            uint value = (uint)random.NextInt64(0, 1L << 32);
            if (limiter.Decide(Client, Now, false, value) == RateDecision.Allow)
            {
                leaked++;
            }
        }

        return leaked;
    }
}
