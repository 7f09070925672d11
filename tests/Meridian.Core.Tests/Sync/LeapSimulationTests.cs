using Meridian.Core.Leap;
using Meridian.Core.Sync;
using Meridian.Core.Tests.Sync.Simulation;
using Meridian.Protocol;
using Xunit.Abstractions;

namespace Meridian.Core.Tests.Sync;

/// <summary>
/// A leap second at the end of a month, in virtual time, through the real synchronizer and responder:
/// the served clock and what clients get stay within the normal error bounds before, during and after it,
/// the leap is announced only on its last day, and nothing steps or is taken for a falseticker.
/// </summary>
public class LeapSimulationTests(ITestOutputHelper output)
{
    /// <summary>The LAN scenarios' normal bounds (SyncScenarioTests): RMS 50 µs; no single sample beyond 1 ms.</summary>
    private const double RmsBound = 50e-6;
    private const double MaxBound = 1e-3;

    private const LeapIndicator Insert = LeapIndicator.LastMinuteHas61Seconds;
    private const LeapIndicator Delete = LeapIndicator.LastMinuteHas59Seconds;

    [Theory]
    [InlineData(Insert, true, false)]
    [InlineData(Delete, true, false)]
    [InlineData(Insert, false, false)]
    [InlineData(Delete, false, false)]
    [InlineData(Insert, true, true)]
    [InlineData(Delete, true, true)]
    [InlineData(Insert, false, true)]
    [InlineData(Delete, false, true)]
    public void PassesTheLeap_WithinTheNormalBounds(LeapIndicator kind, bool withFile, bool kernel)
    {
        SimulationResult result = Run(LeapScenarios.Leap(kind, withFile, kernel));

        AssertWithinBounds(result);
        AssertAnnouncedOnTheLastDayOnly(result, kind, withFile);
        Assert.DoesNotContain(result.SyncEvents, e => e.Kind is SyncEventKind.Stepped or SyncEventKind.SourceFalseticker or SyncEventKind.PanicRefused);
        Assert.Single(result.SyncEvents, e => e.Kind == SyncEventKind.LeapScheduled);
        Assert.Single(result.SyncEvents, e => e.Kind == SyncEventKind.LeapPassed);
    }

    [Theory]
    [InlineData(Insert)]
    [InlineData(Delete)]
    public void ArmsTheKernel_AndVerifiesItLeapt(LeapIndicator kind)
    {
        var simulation = new SyncSimulation(LeapScenarios.Leap(kind, withFile: true, kernel: true));
        SimulationResult result = simulation.Run();

        Assert.Equal([kind, LeapIndicator.NoWarning], simulation.Kernel!.LeapCalls);
        Assert.Equal([KernelLeapOutcome.Armed, KernelLeapOutcome.Verified], result.KernelLeapOutcomes);
        Assert.DoesNotContain(simulation.Kernel.StepCalls, s => Math.Abs(s) > 0.5);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void LeapsWithTheMajority_AndRejectsAMinorityThatDoesNot(bool withFile, bool kernel)
    {
        SimulationResult result = Run(LeapScenarios.Leap(Insert, withFile, kernel, liars: 2));

        AssertWithinBounds(result);
        Assert.All(result.Synchronizer.Sources.Where(s => s.Name.StartsWith("liar", StringComparison.Ordinal)), s => Assert.Equal(Tally.Falseticker, s.Tally));
        Assert.All(result.Synchronizer.Sources.Where(s => s.Name.StartsWith("good", StringComparison.Ordinal)), s => Assert.NotEqual(Tally.Falseticker, s.Tally));
        Assert.DoesNotContain(result.SyncEvents, e => e.Kind == SyncEventKind.Stepped);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NeitherAnnouncesNorLeaps_WhenALyingMinorityAnnounces(bool withFile)
    {
        SimulationResult result = Run(LeapScenarios.LyingMinority(withFile));

        AssertWithinBounds(result);
        Assert.All(result.Settled, s => Assert.Equal(LeapIndicator.NoWarning, s.ClientLeap));
        Assert.DoesNotContain(result.SyncEvents, e => e.Kind is SyncEventKind.LeapScheduled or SyncEventKind.LeapPassed);
        Assert.DoesNotContain(result.SyncEvents, e => e.Kind == SyncEventKind.LeapDisagreement); // a minority is no disagreement
    }

    [Fact]
    public void FollowsTheFile_AndReportsTheDisagreement_WhenAMajorityAnnouncesALeapTheFileDoesNotList()
    {
        SimulationResult result = Run(LeapScenarios.LyingMinority(withFile: true, liars: 3));

        AssertWithinBounds(result);
        Assert.All(result.Settled, s => Assert.Equal(LeapIndicator.NoWarning, s.ClientLeap));
        Assert.Single(result.SyncEvents, e => e.Kind == SyncEventKind.LeapDisagreement);
        Assert.DoesNotContain(result.SyncEvents, e => e.Kind is SyncEventKind.LeapScheduled or SyncEventKind.LeapPassed);
    }

    [Fact]
    public void SmearsTheLeap_WithLeapIndicatorZero_AndMarksTheReferenceId()
    {
        SimScenario scenario = LeapScenarios.Leap(Insert, withFile: true, kernel: false) with { LeapSmear = new LeapSmear(4 * 3600, LeapSmearShape.Linear) };
        var simulation = new SyncSimulation(scenario);

        SimulationResult result = simulation.Run();

        Assert.All(result.Settled, s => Assert.Equal(LeapIndicator.NoWarning, s.ClientLeap)); // clients must not leap themselves
        var during = result.Samples.Where(s => Math.Abs(s.Time - LeapScenarios.LeapAt) < 2 * 3600 - 60).ToList();
        Assert.All(during, s => Assert.Equal(0xFEu, s.ReferenceId >> 24));
        // Half the second is applied at the leap: 0.5 s behind UTC just before it, 0.5 s ahead of the repeated 23:59:59 just after.
        Assert.InRange(result.Samples.First(s => s.Time > LeapScenarios.LeapAt - 0.06).ClientError, -0.5 - MaxBound, -0.5 + MaxBound);
        Assert.InRange(result.Samples.First(s => s.Time > LeapScenarios.LeapAt).ClientError, 0.5 - MaxBound, 0.5 + MaxBound);
        Assert.All(result.Samples.Where(s => Math.Abs(s.Time - LeapScenarios.LeapAt) > 2 * 3600 + 60 && s.Time > 2 * 3600), s => Assert.InRange(Math.Abs(s.ClientError), 0, MaxBound));
        Assert.DoesNotContain(result.SyncEvents, e => e.Kind is SyncEventKind.Stepped or SyncEventKind.SourceFalseticker);
    }

    [Theory]
    [InlineData("expired.list", -155)]
    [InlineData("expiring-soon.list", 20)]
    public void WarnsOfAnExpiringLeapFile_AtStartAndDaily(string name, int daysLeftAtStart)
    {
        var scenario = new SimScenario("expiring leap file", SimScenario.Good(4, new SimLink()), 49)
        {
            Epoch = LeapScenarios.Epoch,
            LeapFile = Leap.LeapFixture.Parse(name),
        };

        SimulationResult result = new SyncSimulation(scenario).Run();

        var warnings = result.SyncEvents.Where(e => e.Kind == SyncEventKind.LeapFileExpiring).ToList();
        Assert.Equal(3, warnings.Count); // at 0 h, 24 h and 48 h
        Assert.Equal(daysLeftAtStart, warnings[0].Value, 0);
        Assert.Equal(daysLeftAtStart - 2, warnings[2].Value, 0);
    }

    [Fact]
    public void DoesNotWarn_OfAValidLeapFile()
    {
        var scenario = new SimScenario("valid leap file", SimScenario.Good(4, new SimLink()), 25) { Epoch = LeapScenarios.Epoch, LeapFile = Leap.LeapFixture.Parse("valid.list") };

        Assert.DoesNotContain(new SyncSimulation(scenario).Run().SyncEvents, e => e.Kind == SyncEventKind.LeapFileExpiring);
    }

    private static void AssertWithinBounds(SimulationResult result)
    {
        Assert.InRange(result.RmsError, 0, RmsBound);
        Assert.InRange(result.MaxError, 0, MaxBound);
        Assert.InRange(result.Settled.Max(s => Math.Abs(s.ClientError)), 0, MaxBound);
    }

    private static void AssertAnnouncedOnTheLastDayOnly(SimulationResult result, LeapIndicator kind, bool withFile)
    {
        // From the file at once; from the upstreams once every selected source has answered on the last day (a poll interval).
        double from = LeapScenarios.AnnounceFrom + (withFile ? 2 : 3600);
        Assert.All(result.Samples.Where(s => s.Time > 60 && s.Time < LeapScenarios.AnnounceFrom - 2), s => Assert.Equal(LeapIndicator.NoWarning, s.ClientLeap)); // synchronized within seconds (iburst)
        Assert.All(result.Samples.Where(s => s.Time > from && s.Time < LeapScenarios.LeapAt - 2), s => Assert.Equal(kind, s.ClientLeap));
        Assert.All(result.Samples.Where(s => s.Time > LeapScenarios.LeapAt + 2), s => Assert.Equal(LeapIndicator.NoWarning, s.ClientLeap));
    }

    private SimulationResult Run(SimScenario scenario)
    {
        SimulationResult result = new SyncSimulation(scenario).Run();
        output.WriteLine(result.Summary);
        output.WriteLine($"max client error {result.Settled.Max(s => Math.Abs(s.ClientError)) * 1e6:0.0} us; within ±3 s of the leap {result.MaxErrorBetween(LeapScenarios.LeapAt - 3.1, LeapScenarios.LeapAt + 3) * 1e6:0.0} us");
        foreach (SyncEvent e in result.SyncEvents.Where(e => e.Kind.ToString().StartsWith("Leap", StringComparison.Ordinal)))
        {
            output.WriteLine(e.Text);
        }

        return result;
    }
}
