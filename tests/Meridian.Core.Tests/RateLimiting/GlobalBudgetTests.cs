using Meridian.Core.RateLimiting;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.RateLimiting;

/// <summary>Serving policy P7: the global budget caps total egress in responses per second.</summary>
public class GlobalBudgetTests
{
    private static readonly MonotonicTime Start = Limiters.At(3000);

    [Theory]
    [InlineData(100)]
    [InlineData(1)]
    [InlineData(25_000)]
    public void AllowsOneSecondsWorth_AtOneInstant(int responsesPerSecond)
    {
        var budget = new GlobalBudget(responsesPerSecond);

        Assert.Equal(responsesPerSecond, Take(budget, Start, responsesPerSecond + 1000));
        Assert.False(budget.TryTake(Start));
    }

    [Theory]
    [InlineData(100, 0.5, 50)]
    [InlineData(100, 0.25, 25)]
    [InlineData(100, 0.01, 1)]
    [InlineData(1000, 0.1, 100)]
    public void RefillsAtTheBudgetRate(int responsesPerSecond, double seconds, int expected)
    {
        var budget = new GlobalBudget(responsesPerSecond);
        Assert.Equal(responsesPerSecond, Take(budget, Start, responsesPerSecond + 1));

        Assert.Equal(expected, Take(budget, Start.AddSeconds(seconds), responsesPerSecond));
    }

    [Fact]
    public void Allows100AtOneInstant_ThenFiftyMoreHalfASecondLater()
    {
        var budget = new GlobalBudget(100);

        for (int i = 0; i < 100; i++)
        {
            Assert.True(budget.TryTake(Start), $"response {i + 1}");
        }

        Assert.False(budget.TryTake(Start));
        for (int i = 0; i < 50; i++)
        {
            Assert.True(budget.TryTake(Start.AddSeconds(0.5)), $"response {i + 1} after 0.5 s");
        }

        Assert.False(budget.TryTake(Start.AddSeconds(0.5)));
    }

    [Fact]
    public void SavesAtMostOneSecondsWorth_WhileIdle()
    {
        var budget = new GlobalBudget(100);
        Take(budget, Start, 100);

        Assert.Equal(100, Take(budget, Start.AddSeconds(3600), 1000));
    }

    [Fact]
    public void HoldsTheRate_UnderASustainedFlood()
    {
        var budget = new GlobalBudget(100);
        int taken = 0;
        for (int ms = 0; ms < 10_000; ms++)
        {
            taken += Take(budget, Start.AddSeconds(ms / 1000.0), 10);
        }

        // One second's worth at the start, then 100 per second for the 9.999 s that follow.
        Assert.InRange(taken, 1099, 1100);
    }

    [Fact]
    public void NeitherMintsNorOwesResponses_WhenTimeGoesBackwards()
    {
        var budget = new GlobalBudget(100);
        Take(budget, Start, 100);
        MonotonicTime earlier = Start.AddSeconds(-10);

        Assert.False(budget.TryTake(earlier));
        Assert.Equal(50, Take(budget, earlier.AddSeconds(0.5), 100));
    }

    [Fact]
    public void ServesAClientPollingRegularly_FromTheReserve_WhenOthersHaveSpentTheBudget()
    {
        var budget = new GlobalBudget(100);
        Assert.Equal(100, Take(budget, Start, 1000));

        Assert.Equal(25, Take(budget, Start, 1000, Regular(knownForSeconds: 3600)));
        Assert.False(budget.TryTake(Start, Regular(knownForSeconds: 3600)));
    }

    [Fact]
    public void GivesTheRefillToClientsPollingRegularly_First_UnderASustainedFlood()
    {
        var budget = new GlobalBudget(100);
        int flood = 0;
        int established = 0;
        for (int ms = 0; ms < 10_000; ms++)
        {
            MonotonicTime now = Start.AddSeconds(ms / 1000.0);
            flood += Take(budget, now, 10);
            if (ms % 20 == 7)
            {
                established += budget.TryTake(now, Regular(knownForSeconds: 3600)) ? 1 : 0;
            }
        }

        // 500 requests from established clients, all answered; the flood has the rest of the budget.
        Assert.Equal(500, established);
        Assert.InRange(flood + established, 1099, 1100 + 25);
    }

    [Fact]
    public void DoesNotServeFirst_AClientFirstSeenAfterTheFloodBegan()
    {
        var budget = new GlobalBudget(100);
        Assert.Equal(100, Take(budget, Start, 1000));
        MonotonicTime later = Start.AddSeconds(30);
        Take(budget, later, 1000);

        Assert.Equal(0, Take(budget, later, 10, Regular(knownForSeconds: 20)));
        Assert.Equal(10, Take(budget, later, 10, Regular(knownForSeconds: 40)));
    }

    [Fact]
    public void DatesTheFloodFromItsFirstRefusal_AfterTenQuietMinutes()
    {
        var budget = new GlobalBudget(100);
        Take(budget, Start, 1000);
        MonotonicTime pulse = Start.AddSeconds(GlobalBudget.QuietSeconds - 1);
        Take(budget, pulse, 1000);
        Assert.Equal(0, Take(budget, pulse, 10, Regular(knownForSeconds: 300)));

        MonotonicTime flood = pulse.AddSeconds(GlobalBudget.QuietSeconds + 1);
        Take(budget, flood, 1000);
        Assert.Equal(10, Take(budget, flood, 10, Regular(knownForSeconds: 300)));
    }

    private static ClientStanding Regular(double knownForSeconds) => new(true, (uint)(knownForSeconds * ClientTable.TicksPerSecond));

    private static int Take(GlobalBudget budget, MonotonicTime now, int attempts, ClientStanding client)
    {
        int taken = 0;
        for (int i = 0; i < attempts; i++)
        {
            taken += budget.TryTake(now, client) ? 1 : 0;
        }

        return taken;
    }

    private static int Take(GlobalBudget budget, MonotonicTime now, int attempts)
    {
        int taken = 0;
        for (int i = 0; i < attempts; i++)
        {
            taken += budget.TryTake(now) ? 1 : 0;
        }

        return taken;
    }
}
