using Meridian.Core.Sync;
using Meridian.Core.Tests.Sync.Simulation;
using Meridian.Protocol;
using Xunit.Abstractions;

namespace Meridian.Core.Tests.Sync;

/// <summary>
/// Hours of simulated time per scenario, driving the real synchronizer and responder. Each test
/// prints its steady-state time error (docs/accuracy.md collects them).
/// </summary>
public class SyncScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public void ConvergesFromHalfASecondAnd50Ppm()
    {
        var result = Run(SyncScenarios.Converge(1));

        Assert.Contains(result.SyncEvents, e => e.Kind == SyncEventKind.Stepped);
        Assert.InRange(result.RmsError, 0, 50e-6);
        Assert.InRange(Math.Abs(result.Synchronizer.Correction.Frequency + 50e-6), 0, 0.1e-6);
    }

    [Fact]
    public void KeepsMedianRmsErrorUnder125Microseconds_With1MsJitter()
    {
        AssertAcrossSeeds(SyncScenarios.Jitter1Ms, 125e-6);
    }

    [Fact]
    public void KeepsMedianRmsErrorUnder50Microseconds_With10UsJitter()
    {
        AssertAcrossSeeds(SyncScenarios.Jitter10Us, 50e-6);
    }

    [Fact]
    public void StaysAccurate_With30PercentPacketLoss()
    {
        var result = Run(SyncScenarios.PacketLoss(1));

        Assert.InRange(result.RmsError, 0, 50e-6);
    }

    [Fact]
    public void RejectsOneFalsetickerAmongFour()
    {
        var result = Run(SyncScenarios.Falseticker(1));

        Assert.Equal(Tally.Falseticker, result.Synchronizer.Sources.Single(s => s.Name == "wrong").Tally);
        Assert.InRange(result.RmsError, 0, 50e-6);
    }

    [Fact]
    public void RefusesToFollow_AMajorityOfFalsetickers()
    {
        var result = Run(SyncScenarios.NoMajority(1));

        Assert.All(result.Samples, s => Assert.Equal(LeapIndicator.Unsynchronized, s.Leap));
        Assert.Contains(result.SyncEvents, e => e.Kind == SyncEventKind.NoMajority);
        Assert.Equal(DisciplineState.Unset, result.Synchronizer.Discipline.State);
        Assert.Equal(0.05, result.Samples[^1].Error, 0.2);
    }

    [Fact]
    public void HoldsOverWithGrowingDispersion_ThenRaisesTheAlarm_WhenAllUpstreamsAreLost()
    {
        const double lostAt = SyncScenarios.LostAt;
        var result = Run(SyncScenarios.AllLost(1));

        var holdover = result.Samples.Where(s => s.Time > lostAt).ToList();
        SimSample alarm = holdover.First(s => s.Leap == LeapIndicator.Unsynchronized);
        var before = holdover.TakeWhile(s => s.Leap != LeapIndicator.Unsynchronized).ToList();
        Assert.InRange(alarm.Time - lostAt, 24 * 3600, 30 * 3600);
        Assert.True(before[^1].RootDispersion > before[0].RootDispersion + 1, "root dispersion grows in holdover");
        Assert.InRange(Math.Abs(before[(int)(before.Count * 0.1)].Error), 0, 0.01);
        output.WriteLine($"holdover: alarm {(alarm.Time - lostAt) / 3600:0.0} h after loss; error at alarm {alarm.Error * 1e3:0.000} ms");
    }

    [Fact]
    public void BacksOff_WhenAnUpstreamSendsRateKisses()
    {
        SimScenario scenario = SyncScenarios.RateKiss(1);
        SimUpstream kisser = scenario.Upstreams.Single(u => u.Name == "kisser");

        var result = Run(scenario);

        UpstreamSource source = result.Synchronizer.Sources.Single(s => s.Name == "kisser");
        Assert.Equal(source.Options.MaxPoll, source.Poll);
        var backoffs = result.SyncEvents.Where(e => e.Kind == SyncEventKind.RateKiss && e.Source == "kisser").Select(e => e.Value).Take(4);
        Assert.Equal([128.0, 256, 512, 1024], backoffs);
        Assert.InRange(kisser.RequestsReceived, 4, 6 * 3600 / 1024 + 8);
    }

    [Fact]
    public void StepsA10SecondInitialOffset()
    {
        var result = Run(SyncScenarios.InitialOffset10S(1));

        SyncEvent step = Assert.Single(result.SyncEvents, e => e.Kind == SyncEventKind.Stepped);
        Assert.Equal(10, step.Value, 0.002);
        Assert.InRange(result.RmsError, 0, 50e-6);
    }

    [Fact]
    public void RecoversFromALocalClockStep_DuringOperation()
    {
        const double stepAt = SyncScenarios.LocalStepAt;
        var result = Run(SyncScenarios.LocalClockStep(1));

        double recovered = result.Samples.First(s => s.Time > stepAt && Math.Abs(s.Error) < 1e-3).Time;
        // The step is trusted only after it persists for the 300 s stepout, then waits for the next
        // update of the system peer, whose poll may have grown to 1024 s.
        Assert.InRange(recovered - stepAt, 300, 300 + 2 * 1024);
        Assert.InRange(result.RmsError, 0, 50e-6);
    }

    [Fact]
    public void KeepsTimeAcrossThe2036EraRollover()
    {
        var result = Run(SyncScenarios.EraRollover(1));

        Assert.InRange(result.RmsError, 0, 50e-6);
    }

    /// <summary>
    /// The accuracy bounds hold for the median over six seeds, and no seed is worse than 1.25 times
    /// the bound: one lucky seed cannot pass the test, one unlucky seed does not hide the typical case.
    /// </summary>
    private void AssertAcrossSeeds(Func<int, SimScenario> scenario, double bound)
    {
        string name = scenario(1).Name;
        var rms = Enumerable.Range(1, 6)
            .Select(seed => Run(scenario(seed)).RmsError)
            .Order()
            .ToList();
        double median = (rms[2] + rms[3]) / 2;
        output.WriteLine($"{name}: median RMS {median * 1e6:0.0} us over seeds 1-6, worst {rms[^1] * 1e6:0.0} us");

        Assert.InRange(median, 0, bound);
        Assert.InRange(rms[^1], 0, 1.25 * bound);
    }

    private SimulationResult Run(SimScenario scenario)
    {
        SimulationResult result = new SyncSimulation(scenario).Run();
        output.WriteLine(result.Summary);
        return result;
    }
}
