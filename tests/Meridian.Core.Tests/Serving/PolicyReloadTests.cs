using Meridian.Core.Access;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;
using Meridian.Core.Tests.Access;
using Meridian.Core.Tests.RateLimiting;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Serving;

/// <summary>
/// A reload hands each serving loop a new policy; the loop takes it at its next batch. The client
/// table, with every client's limit state, survives a reload that keeps its size.
/// </summary>
public class PolicyReloadTests
{
    private static readonly MonotonicTime Start = Limiters.At(7200);
    private static readonly NetEndpoint Client = ServingHarness.Client;
    private static readonly NetEndpoint Server = ServingHarness.Server;
    private static readonly ServerState State = ServerState.LocalClock(1, -20, ServingHarness.Receive);

    private readonly byte[] _transmit = new byte[65536];

    [Fact]
    public void KeepsALimitedClientLimited_WhenAReloadKeepsTheTableSize()
    {
        ServingPolicy before = Policies.Create(AccessFlags.Limited);
        var path = Path(before);
        Assert.Equal(10, Serve(path, 11, Start));

        path.OfferPolicy(before.Reconfigured(LimitedEverywhere(), new RateLimitOptions(IntervalSeconds: 40, Burst: 10, Leak: 0, TableSize: 1024), 1, 2, 3));
        path.BeginBatch();

        Assert.Same(before.Limiter!.Table, path.Policy.Limiter!.Table);
        Assert.Equal(0, Serve(path, 1, Start.AddSeconds(1)));
        Assert.Equal(2, path.Counters.Dropped(DropReason.RateLimited));
        Assert.Equal(12u, Assert.Single(path.Policy.Limiter.Table.Snapshot()).Packets);
    }

    [Fact]
    public void StartsAnEmptyTable_WhenAReloadChangesTheTableSize()
    {
        ServingPolicy before = Policies.Create(AccessFlags.Limited);
        var path = Path(before);
        Assert.Equal(10, Serve(path, 11, Start));

        path.OfferPolicy(before.Reconfigured(LimitedEverywhere(), new RateLimitOptions(Leak: 0, TableSize: 4096), 1, 2, 3));
        path.BeginBatch();

        Assert.NotSame(before.Limiter!.Table, path.Policy.Limiter!.Table);
        Assert.Equal(10, Serve(path, 11, Start.AddSeconds(1)));
    }

    [Fact]
    public void AppliesANewAccessList_AtTheNextBatchOnly()
    {
        ServingPolicy before = Policies.Create(AccessFlags.None);
        var path = Path(before);
        var refuse = new AccessList([Addresses.Rule("192.0.2.0/24", AccessFlags.Ignore)]);

        path.OfferPolicy(before.Reconfigured(refuse, new RateLimitOptions(TableSize: 1024), 1, 2, 3));
        Assert.Equal(1, Serve(path, 1, Start));

        path.BeginBatch();
        Assert.Equal(0, Serve(path, 1, Start));
        Assert.Equal(1, path.Counters.Dropped(DropReason.AccessDenied));
        Assert.Null(path.OfferedPolicy);
    }

    [Fact]
    public void TakesTheLatestOffer_WhenTwoReloadsComeBeforeABatch()
    {
        ServingPolicy before = Policies.Create(AccessFlags.None);
        var path = Path(before);
        ServingPolicy refuse = before.Reconfigured(new AccessList([Addresses.Rule("192.0.2.0/24", AccessFlags.Ignore)]), new RateLimitOptions(TableSize: 1024), 1, 2, 3);
        ServingPolicy open = before.Reconfigured(AccessList.Unrestricted, new RateLimitOptions(TableSize: 1024), 1, 2, 3);

        path.OfferPolicy(refuse);
        path.OfferPolicy(open);
        path.BeginBatch();

        Assert.Same(open, path.Policy);
        Assert.Equal(1, Serve(path, 1, Start));
    }

    [Fact]
    public void KeepsTheGlobalBudget_WhenItsRateIsUnchanged_AndDropsItWhenSetToZero()
    {
        var limit = new RateLimitOptions(TableSize: 1024, GlobalPps: 5);
        var before = new ServingPolicy(AccessList.Unrestricted, new RateLimiter(limit, 1, 2), new GlobalBudget(5), 7);

        Assert.Same(before.Budget, before.Reconfigured(AccessList.Unrestricted, limit with { Burst = 4 }, 1, 2, 3).Budget);
        Assert.NotSame(before.Budget, before.Reconfigured(AccessList.Unrestricted, limit with { GlobalPps = 6 }, 1, 2, 3).Budget);
        Assert.Null(before.Reconfigured(AccessList.Unrestricted, limit with { GlobalPps = 0 }, 1, 2, 3).Budget);
    }

    [Fact]
    public void AllocatesNothing_WhenNoPolicyIsOffered()
    {
        var path = Path(Policies.Create(AccessFlags.None));
        path.BeginBatch();

        // A one-time allocation of the runtime (a tiered-JIT recompile of the loop, 8 KB seen once in a
        // full run) may land in one round; an allocation per call shows in every round.
        var rounds = new List<long>();
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                path.BeginBatch();
            }

            rounds.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, rounds.Min());
        Assert.All(rounds, bytes => Assert.True(bytes < 10_000, $"rounds allocated {string.Join(", ", rounds)} bytes"));
    }

    private static AccessList LimitedEverywhere() =>
        new([Addresses.Rule("0.0.0.0/0", AccessFlags.Limited), Addresses.Rule("::/0", AccessFlags.Limited)]);

    private static ServingPath Path(ServingPolicy policy) =>
        new(new RequestClassifier([]), new ServingCounters(), policy);

    /// <summary>Sends <paramref name="requests"/> client requests at one instant; returns how many were answered.</summary>
    private int Serve(ServingPath path, int requests, MonotonicTime now)
    {
        int answered = 0;
        for (int i = 0; i < requests; i++)
        {
            byte[] request = Requests.Client();
            if (path.MaySend(path.Handle(request, _transmit, Client, Server, ServingHarness.Receive, now, State), request.Length))
            {
                answered++;
            }
        }

        return answered;
    }
}
