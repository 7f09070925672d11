using Meridian.Core.Sync;

namespace Meridian.Core.Tests.Sync;

/// <summary>A reload's upstream list: sources that stay keep their state; removed ones go; new ones are looked up.</summary>
public class SynchronizerReconfigureTests
{
    private static readonly NetEndpoint A = SyncHarness.Address(1);
    private static readonly NetEndpoint B = SyncHarness.Address(2);
    private static readonly NetEndpoint C = SyncHarness.Address(3);

    [Fact]
    public void KeepsTheSourceOfAnUnchangedServer_RemovesTheDroppedOne_AndLooksUpTheNewOne()
    {
        SyncHarness harness = Running();
        UpstreamSource a = harness.Synchronizer.Sources.Single(s => s.Endpoint == A);
        (byte reach, int polls, int sourceId) = (a.Reach, a.PollsSent, a.Id);
        Assert.Equal(0xFF, reach);
        harness.Resolves(2, C);
        harness.Answers(C);

        SyncStep step = harness.Reconfigure(SyncHarness.Server("a.example"), SyncHarness.Server("c.example"));

        Assert.Contains(step.Events, e => e.Kind == SyncEventKind.UpstreamAdded && e.Source == "c.example");
        Assert.Contains(step.Events, e => e.Kind == SyncEventKind.UpstreamRemoved && e.Source == "b.example" && e.Value == 1);
        Assert.Same(a, Assert.Single(harness.Synchronizer.Sources));
        Assert.Equal((reach, polls, sourceId), (a.Reach, a.PollsSent, a.Id));

        harness.RunFor(20);

        Assert.Equal(new HashSet<NetEndpoint> { A, C }, harness.Synchronizer.Sources.Select(s => s.Endpoint).ToHashSet());
        Assert.Same(a, harness.Synchronizer.Sources.Single(s => s.Endpoint == A));
        Assert.NotEqual(0, harness.Synchronizer.Sources.Single(s => s.Endpoint == C).Reach);
    }

    [Fact]
    public void ReplacesAServerWhoseLineChanged()
    {
        SyncHarness harness = Running();
        UpstreamSource a = harness.Synchronizer.Sources.Single(s => s.Endpoint == A);
        harness.Resolves(2, A);

        SyncStep step = harness.Reconfigure(SyncHarness.Server("a.example", new SourceOptions(Iburst: true, Prefer: true)), SyncHarness.Server("b.example"));
        harness.RunFor(1);

        Assert.Contains(step.Events, e => e.Kind == SyncEventKind.UpstreamAdded && e.Source == "a.example");
        Assert.Contains(step.Events, e => e.Kind == SyncEventKind.UpstreamRemoved && e.Source == "a.example" && e.Value == 1);
        UpstreamSource replaced = harness.Synchronizer.Sources.Single(s => s.Endpoint == A);
        Assert.NotSame(a, replaced);
        Assert.True(replaced.Options.Prefer);
    }

    [Fact]
    public void IgnoresTheLookupAnswerOfARemovedUpstream()
    {
        var synchronizer = new Synchronizer(
            new SynchronizerOptions([SyncHarness.Server("a.example"), SyncHarness.Server("b.example")], new DisciplineOptions()),
            new Simulation.SimRandom(5));
        Assert.Equal(2, synchronizer.HandleTimer(SyncHarness.At(0)).Resolves.Count);
        synchronizer.HandleReconfigure([SyncHarness.Server("a.example")], SyncHarness.At(0.1));

        synchronizer.HandleResolved(1, [B], SyncHarness.At(0.2));
        synchronizer.HandleResolveFailed(1, SyncHarness.At(0.3));
        synchronizer.HandleResolved(0, [A], SyncHarness.At(0.4));

        Assert.Equal(A, Assert.Single(synchronizer.Sources).Endpoint);
    }

    [Fact]
    public void ForgetsTheSystemPeer_WhenItsServerIsRemoved()
    {
        SyncHarness harness = Running();
        string peer = Assert.IsType<string>(harness.Synchronizer.Snapshot(harness.Local).SystemPeer);

        harness.Reconfigure(SyncHarness.Server(peer == "a.example" ? "b.example" : "a.example"));

        Assert.Null(harness.Synchronizer.Snapshot(harness.Local).SystemPeer);
        Assert.DoesNotContain(harness.Synchronizer.Sources, s => s.Name == peer);
    }

    /// <summary>Two servers answering for 60 s: both reached eight times, one the system peer.</summary>
    private static SyncHarness Running()
    {
        var harness = new SyncHarness(new SynchronizerOptions(
            [SyncHarness.Server("a.example"), SyncHarness.Server("b.example")], new DisciplineOptions(), MinClock: 1));
        harness.Resolves(0, A);
        harness.Resolves(1, B);
        harness.Answers(A);
        harness.Answers(B);
        harness.RunFor(60);
        return harness;
    }
}
