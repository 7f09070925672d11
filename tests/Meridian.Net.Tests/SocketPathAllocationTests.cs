using System.Net;
using System.Net.Sockets;
using Meridian.Core;
using Meridian.Core.Access;
using Meridian.Core.Nts;
using Meridian.Net.Nts;
using Meridian.Net.Tests.Nts;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;

namespace Meridian.Net.Tests;

/// <summary>
/// Design principle 4 over the real socket path: the serving thread allocates nothing per request
/// in steady state — receive, kernel timestamp, classify, access, rate limit, respond, send.
/// </summary>
public class SocketPathAllocationTests
{
    private const int WarmUp = 2000;
    private const int Measured = 10_000;
    private const int Rounds = 3;

    [Fact]
    public void AllocatesZeroBytesPerRequest_OnTheServingThread()
    {
        var access = new AccessList([new AccessRule(NetEndpoint.FromIPv4(0, 0), 0, AccessFlags.Limited | AccessFlags.Kod)]);
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, RealtimeClock.Now()));
        using var engine = TestEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], state,
            () => new ServingPolicy(access, new RateLimiter(new RateLimitOptions(Burst: 1_000_000, TableSize: 1024), 1, 2), null, 3));
        using var client = new LoopbackClient(AddressFamily.InterNetwork);
        byte[] request = LoopbackClient.ClientRequest(RealtimeClock.Now());

        Exchange(client, engine, request, WarmUp);
        var rounds = new List<long>();
        for (int round = 0; round < Rounds; round++)
        {
            long before = engine.AllocatedBytes;
            Exchange(client, engine, request, Measured);
            rounds.Add(engine.AllocatedBytes - before);
        }

        // A one-time allocation of the runtime (a tiered-JIT recompile) may land in one round; an
        // allocation per request shows in every round, at least one byte per request.
        Assert.Equal(0, rounds.Min());
        Assert.All(rounds, bytes => Assert.True(bytes < Measured, $"rounds allocated {string.Join(", ", rounds)} bytes"));
        Assert.True(engine.Counters().Served >= WarmUp + Rounds * Measured - 1);
    }

    [Fact]
    public void AllocatesZeroBytesPerNtsRequest_OnTheServingThread()
    {
        NtsKeyStore store = NtsKeyStore.Open(null, NtsKeyRing.DefaultRotationSeconds, _ => { });
        using var issuer = new NtsCookieIssuer(store.Ring);
        using var session = new NtsClientSession(issuer, cookies: 1);
        using var engine = NtsServingLoopTests.Start(store.Ring);
        using var client = new LoopbackClient(AddressFamily.InterNetwork);
        byte[] request = session.Request(placeholders: 1); // the same request again: cookies are stateless

        Exchange(client, engine, request, WarmUp);
        var rounds = new List<long>();
        for (int round = 0; round < Rounds; round++)
        {
            long before = engine.AllocatedBytes;
            Exchange(client, engine, request, Measured / 5);
            rounds.Add(engine.AllocatedBytes - before);
        }

        Assert.Equal(0, rounds.Min());
        Assert.All(rounds, bytes => Assert.True(bytes < Measured / 5, $"rounds allocated {string.Join(", ", rounds)} bytes"));
        engine.WaitUntilAllHandled();
        ServingCountersSnapshot counters = engine.Counters();
        Assert.Equal(counters.Served, counters.NtsAuthenticated);
    }

    private static void Exchange(LoopbackClient client, ServingEngine engine, byte[] request, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Assert.NotNull(client.Exchange(engine.LocalEndPoints[0], request));
        }
    }
}
