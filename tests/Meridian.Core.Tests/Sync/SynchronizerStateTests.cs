using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Sync;

/// <summary>What the synchronizer publishes: the served state and the snapshot for status and peers.</summary>
public class SynchronizerStateTests
{
    private static readonly string[] Names = ["a.example", "b.example", "c.example", "d.example"];

    [Fact]
    public void ServesUnsynchronized_BeforeAnyClockUpdate()
    {
        var harness = FourServers(precision: -23);

        harness.RunFor(2.5);

        Assert.Equal(ServerState.Unsynchronized(-23), harness.Steps[0].State);
        Assert.All(harness.Steps, step => Assert.Equal(ServerState.Unsynchronized(-23), step.State));
        Assert.Equal(4, harness.Synchronizer.Sources.Count(s => s.IsReachable && !s.Statistics.HasEstimate));
        Assert.Equal(DisciplineState.Unset, harness.Synchronizer.Discipline.State);
    }

    [Fact]
    public void ServesTheLocalClock_AtTheConfiguredLocalStratum_BeforeAnyClockUpdate()
    {
        var harness = FourServers(localStratum: 5);

        harness.RunFor(2.5);

        Assert.Equal(ServerState.LocalClock(5, -20, SyncHarness.At(0).System), harness.Steps[0].State);
        Assert.All(harness.Steps, step =>
        {
            Assert.Equal(LeapIndicator.NoWarning, step.State.Leap);
            Assert.Equal(5, step.State.Stratum);
            Assert.Equal(new ReferenceId(0x7F7F0101), step.State.ReferenceId);
        });
        Assert.Equal(4, harness.Synchronizer.Sources.Count(s => s.IsReachable));
    }

    [Fact]
    public void ServesStratumTwo_OnceTheSourcesAreSelectedAndTheClockUpdated()
    {
        var harness = FourServers(localStratum: 5);

        SyncStep step = harness.RunFor(40);

        Assert.Equal(LeapIndicator.NoWarning, step.State.Leap);
        Assert.Equal(2, step.State.Stratum);
        UpstreamSource peer = harness.Synchronizer.Sources.Single(s => s.Tally == Tally.SystemPeer);
        Assert.Equal(new ReferenceId(peer.Endpoint.IPv4Address), step.State.ReferenceId);
        Assert.Equal("synchronized", harness.Synchronizer.Snapshot(harness.Local).State);
    }

    [Fact]
    public void Snapshot_ListsEachSourceWithItsTallyCode()
    {
        var harness = FourServers(errors: [0, 0.0002, -0.0002, 1.0]);

        harness.RunFor(40);
        SyncSnapshot snapshot = harness.Synchronizer.Snapshot(harness.Local);

        Assert.Equal(Names, snapshot.Sources.Select(s => s.Remote));
        Assert.Equal('x', snapshot.Sources[3].TallyCode);
        Assert.Single(snapshot.Sources, s => s.TallyCode == '*');
        Assert.Equal(2, snapshot.Sources.Count(s => s.TallyCode == '+'));
        Assert.Equal(snapshot.SystemPeer, snapshot.Sources.Single(s => s.TallyCode == '*').Remote);
        Assert.All(snapshot.Sources, s =>
        {
            Assert.Equal('u', s.Type);
            Assert.Equal(0xFF, s.Reach);
            Assert.Equal("LOCL", s.ReferenceId);
            Assert.Equal(1, s.Stratum);
        });
        // Seen from the served clock, which follows the survivors (at 0 and ±0.2 ms) as their
        // predictions' inverse variances weigh them, not necessarily their plain average.
        Assert.InRange(snapshot.Sources[3].OffsetMs, 999.8, 1000.2);
    }

    [Fact]
    public void Snapshot_ShowsSourcesNotYetAnsweredAsInit_WithABlankTally()
    {
        var harness = new SyncHarness(new SynchronizerOptions(
            [SyncHarness.Server("a.example", port: 1123), new UpstreamSpec("pool.example", 123, true, 2, new SourceOptions())],
            new DisciplineOptions()));
        harness.Resolves(0, SyncHarness.Address(1) with { Port = 1123 });
        harness.Resolves(1, SyncHarness.Address(2), SyncHarness.Address(3));

        harness.RunFor(0.5);
        SyncSnapshot snapshot = harness.Synchronizer.Snapshot(harness.Local);

        Assert.Equal(["a.example:1123", "192.0.2.2:123", "192.0.2.3:123"], snapshot.Sources.Select(s => s.Remote));
        Assert.Equal(['u', 'p', 'p'], snapshot.Sources.Select(s => s.Type));
        Assert.All(snapshot.Sources, s =>
        {
            Assert.Equal(' ', s.TallyCode);
            Assert.Equal("INIT", s.ReferenceId);
            Assert.Null(s.WhenSeconds);
        });
        Assert.Equal("unsynchronized", snapshot.State);
        Assert.Null(snapshot.SystemPeer);
    }

    private static SyncHarness FourServers(double[]? errors = null, int? localStratum = null, sbyte precision = -20)
    {
        errors ??= [0, 0, 0, 0];
        var harness = new SyncHarness(new SynchronizerOptions(
            Names.Select(n => SyncHarness.Server(n)).ToList(),
            new DisciplineOptions(),
            LocalStratum: localStratum,
            Precision: precision));
        for (int i = 0; i < Names.Length; i++)
        {
            harness.Resolves(i, SyncHarness.Address(i + 1));
            harness.Answers(SyncHarness.Address(i + 1), errors[i]);
        }

        return harness;
    }
}
