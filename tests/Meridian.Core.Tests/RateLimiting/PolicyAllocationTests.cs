using Meridian.Core.Access;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;
using Meridian.Core.Tests.Access;
using Meridian.Core.Tests.Serving;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.RateLimiting;

/// <summary>Design principle 4 with a full serving policy: classify + access + limiter + budget + respond allocate nothing.</summary>
public class PolicyAllocationTests
{
    private const int WarmUpRequests = 20_000;
    private const int MeasuredRequests = 10_000;
    private static readonly ServerState State = ServerState.LocalClock(1, -20, NtpTimestamp.Zero);

    /// <summary>Every measured round must go through each of these outcomes.</summary>
    private static readonly string[] Outcomes = ["reply", "RATE kiss", "rate-limited drop", "access-denied drop", "global-budget drop"];

    [Fact]
    public void AllocatesZeroBytesPerRequest_ThroughAccessRateLimiterAndBudget()
    {
        var policy = new ServingPolicy(
            new AccessList(
            [
                Addresses.Rule("0.0.0.0/0", AccessFlags.Limited | AccessFlags.Kod),
                Addresses.Rule("::/0", AccessFlags.Limited | AccessFlags.Kod),
                Addresses.Rule("10.0.0.0/8", AccessFlags.None),
                Addresses.Rule("192.0.2.0/24", AccessFlags.NoServe),
                Addresses.Rule("192.0.2.7/32", AccessFlags.Limited),
                Addresses.Rule("2001:db8:bad::/48", AccessFlags.Ignore),
                Addresses.Rule("2001:db8:0:1::/64", AccessFlags.Limited),
            ]),
            new RateLimiter(new RateLimitOptions(TableSize: 4096), Limiters.HashKey0, Limiters.HashKey1),
            new GlobalBudget(200),
            randomSeed: 0xC0FFEE);
        var counters = new ServingCounters();
        var path = new ServingPath(new RequestClassifier([ServingHarness.Server]), counters, policy);
        NetEndpoint[] denied =
        [
            Addresses.Parse("192.0.2.1"), Addresses.Parse("192.0.2.200"), Addresses.Parse("2001:db8:bad::1"),
            Addresses.Parse("2001:db8:bad:ffff::2"), Addresses.Parse("::ffff:192.0.2.9"),
        ];
        byte[] request = Requests.Client();
        byte[] transmit = new byte[65536];
        Serve(path, request, transmit, denied, 0, WarmUpRequests);
        long evictions = policy.Limiter!.Table.Evictions;
        long[,] outcomes = new long[Allocations.Rounds, Outcomes.Length];
        int round = 0;

        long[] allocated = Allocations.PerRound(() =>
        {
            int first = WarmUpRequests + (round * MeasuredRequests);
            Count(counters, outcomes, round, -1);
            Serve(path, request, transmit, denied, first, MeasuredRequests);
            Count(counters, outcomes, round, +1);
            round++;
        });

        Allocations.AssertNoneInSomeRound(allocated);
        for (int r = 0; r < Allocations.Rounds; r++)
        {
            for (int o = 0; o < Outcomes.Length; o++)
            {
                Assert.True(outcomes[r, o] > 0, $"round {r + 1}: no {Outcomes[o]} in {MeasuredRequests} requests");
            }
        }

        Assert.True(policy.Limiter.Table.Evictions > evictions, "no eviction from the client table in the measured requests");
    }

    /// <summary>Adds (sign +1) or subtracts (sign −1) the outcome counters of a round, without allocating.</summary>
    private static void Count(ServingCounters counters, long[,] outcomes, int round, int sign)
    {
        outcomes[round, 0] += sign * counters.Served;
        outcomes[round, 1] += sign * counters.KodsSent;
        outcomes[round, 2] += sign * counters.Dropped(DropReason.RateLimited);
        outcomes[round, 3] += sign * counters.Dropped(DropReason.AccessDenied);
        outcomes[round, 4] += sign * counters.Dropped(DropReason.GlobalBudget);
    }

    /// <summary>
    /// A rotating mix, request by request: a heavy IPv4 client that changes every 1024 requests (so
    /// it goes over the limit and is kissed), four heavy IPv6 /64s, an exempt network, denied
    /// addresses, and distinct IPv4 addresses and IPv6 /64s (table churn). No allocation.
    /// </summary>
    private static NetEndpoint Source(int i, NetEndpoint[] denied, Span<byte> ipv6)
    {
        ushort port = (ushort)(1024 + (i & 0x7FFF));
        switch (i % 8)
        {
            case 0 or 1:
                return NetEndpoint.FromIPv4(0xCB007100 + (uint)(i / 1024), port);
            case 2:
                ipv6.Clear();
                ipv6[0] = 0x20;
                ipv6[1] = 0x01;
                ipv6[7] = (byte)(i % 4);
                ipv6[15] = (byte)i;
                return NetEndpoint.FromIPv6(ipv6, port);
            case 3:
                return NetEndpoint.FromIPv4(0x0A000000 + (uint)(i % 4096), port);
            case 4:
                return denied[i % denied.Length] with { Port = port };
            case 5:
                return NetEndpoint.FromIPv4(0xC6120000 + (uint)i, port);
            default:
                ipv6.Clear();
                ipv6[0] = 0x24;
                ipv6[4] = (byte)(i >> 16);
                ipv6[5] = (byte)(i >> 8);
                ipv6[6] = (byte)i;
                ipv6[15] = 1;
                return NetEndpoint.FromIPv6(ipv6, port);
        }
    }

    private static void Serve(ServingPath path, byte[] request, byte[] transmit, NetEndpoint[] denied, int first, int count)
    {
        var receive = new NtpTimestamp(0xEA00_0000_0000_0000);
        Span<byte> ipv6 = stackalloc byte[16];
        for (int i = first; i < first + count; i++)
        {
            var now = new MonotonicTime(1_000_000_000_000 + (i * 1_000_000L));
            int length = path.Handle(request, transmit, Source(i, denied, ipv6), ServingHarness.Server, receive, now, State);
            if (path.MaySend(length, request.Length))
            {
                Responder.StampTransmit(transmit.AsSpan(0, length), receive);
                path.CountSent(true, length);
            }
        }
    }
}
