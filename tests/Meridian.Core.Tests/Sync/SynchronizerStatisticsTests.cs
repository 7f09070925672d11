using Meridian.Core.Sync;

namespace Meridian.Core.Tests.Sync;

/// <summary>The typed records behind ntpd's loopstats and peerstats files: one per clock update, one per answered sample.</summary>
public class SynchronizerStatisticsTests
{
    private static readonly string[] Names = ["a.example", "b.example", "c.example"];

    [Fact]
    public void RecordsAPeerSample_ForEveryAnswerWithASample_WithTheSourcesAddressAndFigures()
    {
        SyncHarness harness = ThreeServers(errors: [0.010, 0.010, 0.010]);

        harness.RunFor(60);

        List<PeerSample> samples = harness.Steps.SelectMany(s => s.PeerSamples).ToList();
        int answers = harness.Synchronizer.Sources.Sum(s => s.Statistics.Count);
        Assert.Equal(answers, samples.Count);
        Assert.Equal(Enumerable.Range(1, 3).Select(SyncHarness.Address).ToHashSet(), samples.Select(s => s.Address).ToHashSet());
        PeerSample last = samples[^1];
        Assert.True(last.Reachable && last.Configured);
        Assert.InRange(last.Delay, 0.0019, 0.0021);
        Assert.InRange(last.Dispersion, 0, 0.01);
        Assert.InRange(last.Jitter, 0, 0.001);
        Assert.Contains(samples, s => s.Tally == Tally.SystemPeer);
    }

    [Fact]
    public void RecordsAClockUpdate_ForEveryDisciplineUpdate_AtTheServedTime()
    {
        SyncHarness harness = ThreeServers(errors: [0.010, 0.010, 0.010]);

        harness.RunFor(60);

        List<ClockUpdate> updates = harness.Steps.SelectMany(s => s.ClockUpdates).ToList();
        Assert.NotEmpty(updates);
        ClockUpdate first = updates[0];
        Assert.InRange(first.Offset, 0.009, 0.011);
        Assert.Equal(6, first.Poll);
        Assert.True(first.Jitter >= 0);
        Assert.All(updates.Zip(updates.Skip(1)), pair => Assert.True(pair.Second.Time.Value >= pair.First.Time.Value));
        // The served clock is ahead of the local clock by the corrections: within a second of the run's time.
        double runSeconds = updates[^1].Time.SecondsSince(SyncHarness.At(0).System);
        Assert.InRange(runSeconds, 0, 61);
    }

    [Fact]
    public void RecordsNothing_WhileNoServerAnswers()
    {
        var harness = new SyncHarness(new SynchronizerOptions(Names.Select(n => SyncHarness.Server(n)).ToList(), new DisciplineOptions()));
        for (int i = 0; i < Names.Length; i++)
        {
            harness.Resolves(i, SyncHarness.Address(i + 1));
        }

        harness.RunFor(60);

        Assert.All(harness.Steps, s => Assert.Empty(s.PeerSamples));
        Assert.All(harness.Steps, s => Assert.Empty(s.ClockUpdates));
    }

    private static SyncHarness ThreeServers(double[] errors)
    {
        var harness = new SyncHarness(new SynchronizerOptions(Names.Select(n => SyncHarness.Server(n)).ToList(), new DisciplineOptions()));
        for (int i = 0; i < Names.Length; i++)
        {
            harness.Resolves(i, SyncHarness.Address(i + 1));
            harness.Answers(SyncHarness.Address(i + 1), errors[i]);
        }

        return harness;
    }
}
