using Xunit.Abstractions;
using Meridian.Core.Access;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;
using Meridian.Core.Tests.Access;

namespace Meridian.Core.Tests.RateLimiting;

/// <summary>
/// Serving policy P7's global budget under a flood: 10⁶ spoofed sources at 10 000 requests per
/// second against a budget of 1 000 responses per second. The clients seen polling regularly
/// before the flood began, limited or exempt, are served first.
/// </summary>
public class BudgetPriorityTests(ITestOutputHelper output)
{
    private const double FloodPerSecond = 10_000;
    private const int FloodSources = 1_000_000;
    private const double FloodEnd = 128;
    private const int Budget = 1_000;

    [Fact]
    public void ServesTheClientsPollingBeforeTheFlood_First_WhenTheBudgetBinds()
    {
        var policy = new ServingPolicy(
            new AccessList(
            [
                Addresses.Rule("0.0.0.0/0", AccessFlags.Limited | AccessFlags.Kod),
                Addresses.Rule("198.51.100.128/25", AccessFlags.None),
            ]),
            new RateLimiter(new RateLimitOptions(TableSize: 65_536), Limiters.HashKey0, Limiters.HashKey1),
            new GlobalBudget(Budget),
            randomSeed: 0x5EED);
        var scenario = new FloodScenario(policy, FloodPerSecond, FloodSources, 0, FloodEnd);
        FloodScenario.Watched[] limited = [.. Enumerable.Range(0, 64).Select(p => scenario.Watch(Addresses.Parse($"198.51.100.{p + 1}"), -1200 + p + 0.21003, 64, FloodEnd))];
        FloodScenario.Watched[] exempt = [.. Enumerable.Range(0, 64).Select(p => scenario.Watch(Addresses.Parse($"198.51.100.{p + 129}"), -1200 + p + 0.53007, 64, FloodEnd))];
        FloodScenario.Watched everySecond = scenario.Watch(Addresses.Parse("198.51.100.254"), -60.30011, 1, FloodEnd);
        FloodScenario.Watched newcomer = scenario.Watch(Addresses.Parse("203.0.113.7"), 30.10013, 64, FloodEnd);

        scenario.Run(countFrom: 0);

        double floodShare = (double)scenario.FloodAnswered / (FloodPerSecond * FloodEnd);
        output.WriteLine($"flood: {scenario.FloodAnswered} of {FloodPerSecond * FloodEnd} answered ({100 * floodShare:0.0}%)");
        output.WriteLine($"limited clients polling every 64 s since before the flood: {limited.Sum(c => c.Answered)} of {limited.Sum(c => c.Sent)} answered");
        output.WriteLine($"exempt clients polling every 64 s since before the flood:  {exempt.Sum(c => c.Answered)} of {exempt.Sum(c => c.Sent)} answered");
        output.WriteLine($"exempt client sending every second since before the flood: {everySecond}");
        output.WriteLine($"a client first seen during the flood: {newcomer}");
        Assert.Equal(limited.Sum(c => c.Sent), limited.Sum(c => c.Answered));
        Assert.Equal(exempt.Sum(c => c.Sent), exempt.Sum(c => c.Answered));
        Assert.Equal(everySecond.Sent, everySecond.Answered);
        long served = scenario.Counters.Served;
        Assert.True(served <= Budget * (FloodEnd + 60 + 1200 + 1), $"{served} served");
        Assert.InRange(scenario.FloodAnswered, (long)(0.9 * Budget * FloodEnd) - limited.Length * 3 - 200, (long)(Budget * FloodEnd) + Budget);
    }
}
