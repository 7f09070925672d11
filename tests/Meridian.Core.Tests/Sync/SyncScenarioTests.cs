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
    private static readonly SimLink Lan = new(MeanJitter: 100e-6);

    [Fact]
    public void ConvergesFromHalfASecondAnd50Ppm()
    {
        var result = Run(new SimScenario("converge from 0.5 s and +50 ppm", SimScenario.Good(4, Lan), 8)
        {
            InitialOffset = 0.5,
            FrequencyError = 50e-6,
        });

        Assert.Contains(result.Events, e => e.Contains("stepped the served clock"));
        Assert.InRange(result.RmsError, 0, 100e-6);
        Assert.InRange(Math.Abs(result.Synchronizer.Correction.Frequency + 50e-6), 0, 0.1e-6);
    }

    [Fact]
    public void KeepsMedianRmsErrorUnder200Microseconds_With1MsJitter()
    {
        AssertAcrossSeeds("4 good upstreams, 1 ms jitter", new SimLink(MeanJitter: 1e-3), 200e-6);
    }

    [Fact]
    public void KeepsMedianRmsErrorUnder50Microseconds_With10UsJitter()
    {
        AssertAcrossSeeds("4 good upstreams, 10 us jitter", new SimLink(MeanJitter: 10e-6), 50e-6);
    }

    [Fact]
    public void StaysAccurate_With30PercentPacketLoss()
    {
        var result = Run(new SimScenario("30 % packet loss", SimScenario.Good(4, Lan with { Loss = 0.3 }), 10));

        Assert.InRange(result.RmsError, 0, 200e-6);
    }

    [Fact]
    public void RejectsOneFalsetickerAmongFour()
    {
        var upstreams = SimScenario.Good(3, Lan).Append(new SimUpstream("wrong", 0.2, Lan)).ToList();

        var result = Run(new SimScenario("one falseticker (+200 ms) among four", upstreams, 8));

        Assert.Equal(Tally.Falseticker, result.Synchronizer.Sources.Single(s => s.Name == "wrong").Tally);
        Assert.InRange(result.RmsError, 0, 200e-6);
    }

    [Fact]
    public void RefusesToFollow_AMajorityOfFalsetickers()
    {
        var upstreams = new[] { 0.0, 0.5, -0.4, 1.0 }.Select((e, i) => new SimUpstream($"s{i}", e, Lan)).ToList();

        var result = Run(new SimScenario("no majority (0, +0.5, -0.4, +1.0 s)", upstreams, 4) { InitialOffset = 0.05 });

        Assert.All(result.Samples, s => Assert.Equal(LeapIndicator.Unsynchronized, s.Leap));
        Assert.Contains(result.Events, e => e.Contains("no majority"));
        Assert.Equal(DisciplineState.Unset, result.Synchronizer.Discipline.State);
        Assert.Equal(0.05, result.Samples[^1].Error, 0.2);
    }

    [Fact]
    public void HoldsOverWithGrowingDispersion_ThenRaisesTheAlarm_WhenAllUpstreamsAreLost()
    {
        const double lostAt = 3 * 3600;
        var upstreams = SimScenario.Good(4, Lan);
        var result = Run(new SimScenario("all upstreams lost at 3 h", upstreams, 34)
        {
            SettleHours = 2,
            Events = [(lostAt, _ => upstreams.ToList().ForEach(u => u.SilentFrom = lostAt))],
        });

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
        var kisser = new SimUpstream("kisser", 0, Lan) { SendsRateKiss = true };
        var upstreams = SimScenario.Good(3, Lan).Append(kisser).ToList();

        var result = Run(new SimScenario("one upstream sends RATE kisses", upstreams, 6));

        UpstreamSource source = result.Synchronizer.Sources.Single(s => s.Name == "kisser");
        Assert.Equal(source.Options.MaxPoll, source.Poll);
        var backoffs = result.Events.Where(e => e.Contains("kisser: RATE kiss")).Select(e => e.Split("backs off to ")[1]).Take(4);
        Assert.Equal(["128 s", "256 s", "512 s", "1024 s"], backoffs);
        Assert.InRange(kisser.RequestsReceived, 4, 6 * 3600 / 1024 + 8);
    }

    [Fact]
    public void StepsA10SecondInitialOffset()
    {
        var result = Run(new SimScenario("10 s initial offset", SimScenario.Good(4, Lan), 6) { InitialOffset = -10 });

        string step = Assert.Single(result.Events, e => e.Contains("stepped the served clock"));
        Assert.Matches(@"by \+(9\.999|10\.000)\d* s", step);
        Assert.InRange(result.RmsError, 0, 100e-6);
    }

    [Fact]
    public void RecoversFromALocalClockStep_DuringOperation()
    {
        const double stepAt = 3 * 3600;
        var result = Run(new SimScenario("local clock stepped +0.5 s at 3 h", SimScenario.Good(4, Lan), 8)
        {
            SettleHours = 4,
            Events = [(stepAt, sim => sim.Oscillator.SystemOffset += 0.5)],
        });

        double recovered = result.Samples.First(s => s.Time > stepAt && Math.Abs(s.Error) < 1e-3).Time;
        // The step is trusted only after it persists for the 300 s stepout, then waits for the next
        // update of the system peer, whose poll may have grown to 1024 s.
        Assert.InRange(recovered - stepAt, 300, 300 + 2 * 1024);
        Assert.InRange(result.RmsError, 0, 100e-6);
    }

    [Fact]
    public void KeepsTimeAcrossThe2036EraRollover()
    {
        var result = Run(new SimScenario("across the 2036 era rollover", SimScenario.Good(4, Lan), 8)
        {
            Epoch = NtpTimestamp.FromUnixTime(2_085_978_496 - 4 * 3600, 0),
        });

        Assert.InRange(result.RmsError, 0, 100e-6);
    }

    /// <summary>
    /// The accuracy bounds hold for the median over six seeds, and no seed is worse than 1.25 times
    /// the bound: one lucky seed cannot pass the test, one unlucky seed does not hide the typical case.
    /// </summary>
    private void AssertAcrossSeeds(string name, SimLink link, double bound)
    {
        var rms = Enumerable.Range(1, 6)
            .Select(seed => Run(new SimScenario(name, SimScenario.Good(4, link), 10) { Seed = seed }).RmsError)
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
