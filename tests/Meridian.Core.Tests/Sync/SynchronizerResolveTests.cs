using Meridian.Core.Sync;
using Meridian.Core.Tests.Sync.Simulation;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Sync;

/// <summary>How the synchronizer turns configured names into sources: lookups, retry backoff and pools.</summary>
public class SynchronizerResolveTests
{
    private static readonly NetEndpoint A = SyncHarness.Address(1);
    private static readonly NetEndpoint B = SyncHarness.Address(2);
    private static readonly NetEndpoint C = SyncHarness.Address(3);
    private static readonly NetEndpoint D = SyncHarness.Address(4);
    private static readonly NetEndpoint E = SyncHarness.Address(5);

    [Fact]
    public void HandleTimer_FirstEmitsALookupForEachUpstream_AndNoRequests()
    {
        var synchronizer = Create(SyncHarness.Server("a.example"), SyncHarness.Server("b.example", port: 1123), Pool("pool.example", 4));

        SyncStep step = synchronizer.HandleTimer(SyncHarness.At(0));

        Assert.Equal([new ResolveRequest(0, "a.example", 123), new ResolveRequest(1, "b.example", 1123), new ResolveRequest(2, "pool.example", 123)], step.Resolves);
        Assert.Empty(step.Requests);
        Assert.Empty(synchronizer.Sources);
    }

    [Fact]
    public void HandleTimer_DoesNotRepeatALookupStillInProgress()
    {
        var synchronizer = Create(SyncHarness.Server("a.example"));
        synchronizer.HandleTimer(SyncHarness.At(0));

        SyncStep step = synchronizer.HandleTimer(SyncHarness.At(30));

        Assert.Empty(step.Resolves);
    }

    [Fact]
    public void AfterHandleResolved_SendsRequestsToTheResolvedEndpoints()
    {
        var synchronizer = Create(SyncHarness.Server("a.example"), SyncHarness.Server("b.example", port: 1123));
        synchronizer.HandleTimer(SyncHarness.At(0));
        NetEndpoint b = B with { Port = 1123 };

        synchronizer.HandleResolved(0, [A], SyncHarness.At(0.1));
        SyncStep resolved = synchronizer.HandleResolved(1, [b], SyncHarness.At(0.2));

        Assert.Empty(resolved.Requests);
        Assert.Equal(synchronizer.Sources.Min(s => s.NextPoll), resolved.NextDeadline);
        Assert.InRange(resolved.NextDeadline.SecondsSince(MonotonicTime.Zero), 0.1, 1.2);

        SyncStep polled = synchronizer.HandleTimer(SyncHarness.At(1.2));

        Assert.Equal(2, polled.Requests.Count);
        Assert.Equal(new HashSet<NetEndpoint> { A, b }, polled.Requests.Select(r => r.Destination).ToHashSet());
        Assert.All(polled.Requests, r =>
        {
            Assert.Equal(NtpHeader.Size, r.Packet.Length);
            Assert.Equal(NtpMode.Client, NtpHeader.ReadMode(r.Packet));
            Assert.Equal(r.Destination, synchronizer.Sources.Single(s => s.Id == r.SourceId).Endpoint);
        });
        Assert.Empty(polled.Resolves);
    }

    [Fact]
    public void HandleResolveFailed_RetriesAfter2Then4Then8Seconds_DoublingUpToAnHour()
    {
        var synchronizer = Create(SyncHarness.Server("a.example"));
        Assert.Single(synchronizer.HandleTimer(SyncHarness.At(0)).Resolves);
        double failedAt = 0.05;
        var waits = new List<double>();

        for (int i = 0; i < 14; i++)
        {
            SyncStep failed = synchronizer.HandleResolveFailed(0, SyncHarness.At(failedAt));
            double wait = RetryAfter(synchronizer, failedAt);
            waits.Add(wait);
            Assert.Contains(failed.Events, e => e.Kind == SyncEventKind.ResolveFailed && e.Value == wait);
            failedAt += wait + 0.05;
        }

        Assert.Equal([2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 3600, 3600, 3600], waits);
    }

    [Fact]
    public void ASuccessfulLookup_ResetsTheBackoff_AndAPoolLooksUpAgainAfter64Seconds_WhileItWantsMoreAddresses()
    {
        var synchronizer = Create(Pool("pool.example", 2));
        synchronizer.HandleTimer(SyncHarness.At(0));
        synchronizer.HandleResolveFailed(0, SyncHarness.At(0));
        Assert.Equal(2, RetryAfter(synchronizer, 0));
        synchronizer.HandleResolveFailed(0, SyncHarness.At(2));
        Assert.Equal(4, RetryAfter(synchronizer, 2));

        synchronizer.HandleResolved(0, [A], SyncHarness.At(6));

        Assert.Equal(64, RetryAfter(synchronizer, 6));
        synchronizer.HandleResolveFailed(0, SyncHarness.At(70));
        Assert.Equal(2, RetryAfter(synchronizer, 70));
    }

    [Fact]
    public void AServer_IsNotLookedUpAgain_OnceItHasASource()
    {
        var synchronizer = Create(SyncHarness.Server("a.example"));
        synchronizer.HandleTimer(SyncHarness.At(0));
        synchronizer.HandleResolved(0, [A, B], SyncHarness.At(0.1));

        Assert.Equal([A], synchronizer.Sources.Select(s => s.Endpoint));
        Assert.Empty(synchronizer.HandleTimer(SyncHarness.At(10_000)).Resolves);
    }

    [Fact]
    public void APool_KeepsAtMostMaxSourcesAddresses()
    {
        var synchronizer = Create(Pool("pool.example", 3));
        synchronizer.HandleTimer(SyncHarness.At(0));

        synchronizer.HandleResolved(0, [A, B, C, D, E], SyncHarness.At(0.1));

        Assert.Equal([A, B, C], synchronizer.Sources.Select(s => s.Endpoint));
        Assert.Empty(synchronizer.HandleTimer(SyncHarness.At(10_000)).Resolves);
    }

    [Fact]
    public void APool_IgnoresAddressesAlreadyInUse_ByAnotherUpstream()
    {
        var synchronizer = Create(SyncHarness.Server("a.example"), Pool("pool.example", 3));
        synchronizer.HandleTimer(SyncHarness.At(0));
        synchronizer.HandleResolved(0, [A], SyncHarness.At(0.1));

        synchronizer.HandleResolved(1, [A, B, C, D], SyncHarness.At(0.2));

        Assert.Equal([A, B, C, D], synchronizer.Sources.Select(s => s.Endpoint));
    }

    [Fact]
    public void APool_IgnoresAddressesItAlreadyUses_WhenLookingUpAgain()
    {
        var synchronizer = Create(Pool("pool.example", 3));
        synchronizer.HandleTimer(SyncHarness.At(0));
        synchronizer.HandleResolved(0, [A, B], SyncHarness.At(0.1));
        Assert.Single(synchronizer.HandleTimer(SyncHarness.At(64.1)).Resolves);

        synchronizer.HandleResolved(0, [B, A, C, D], SyncHarness.At(64.2));

        Assert.Equal([A, B, C], synchronizer.Sources.Select(s => s.Endpoint));
    }

    /// <summary>
    /// An address repeated within one answer (an A record and a v4-mapped AAAA record are the same
    /// <see cref="NetEndpoint"/>; getaddrinfo can repeat addresses) is one source, not two that
    /// would count twice in the intersection algorithm's majority.
    /// </summary>
    [Fact]
    public void APool_IgnoresAnAddressRepeatedWithinOneAnswer()
    {
        var synchronizer = Create(Pool("pool.example", 4));
        synchronizer.HandleTimer(SyncHarness.At(0));
        byte[] mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 192, 0, 2, 2];
        NetEndpoint bAsMappedIPv6 = NetEndpoint.FromIPv6(mapped, 123);
        Assert.Equal(B, bAsMappedIPv6);

        synchronizer.HandleResolved(0, [B, C, bAsMappedIPv6], SyncHarness.At(0.1));

        Assert.Equal([B, C], synchronizer.Sources.Select(s => s.Endpoint));
    }

    /// <summary>When the next lookup of upstream 0 is due after a failure or success at <paramref name="at"/>, seen only through HandleTimer.</summary>
    private static double RetryAfter(Synchronizer synchronizer, double at)
    {
        int wait = 1;
        while (wait <= 3600)
        {
            Assert.Empty(synchronizer.HandleTimer(SyncHarness.At(at + wait - 0.001)).Resolves);
            if (synchronizer.HandleTimer(SyncHarness.At(at + wait)).Resolves.Count == 1)
            {
                return wait;
            }

            wait++;
        }

        throw new Xunit.Sdk.XunitException($"no lookup within an hour of {at} s");
    }

    private static UpstreamSpec Pool(string name, int maxSources) => new(name, 123, true, maxSources, new SourceOptions(Iburst: true));

    private static Synchronizer Create(params UpstreamSpec[] upstreams) =>
        new(new SynchronizerOptions(upstreams, new DisciplineOptions()), new SimRandom(5));
}
