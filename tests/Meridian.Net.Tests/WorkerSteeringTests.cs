using System.Net;
using System.Net.Sockets;
using Meridian.Core;
using Meridian.Core.Access;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;

namespace Meridian.Net.Tests;

/// <summary>
/// With several SO_REUSEPORT workers, datagrams are steered by source address: a client rotating
/// its source port still meets one worker's rate limit, so the decisions are the same as with one
/// worker; distinct clients spread over the workers.
/// </summary>
public class WorkerSteeringTests
{
    private const int Requests = 30;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void LimitsAClientRotatingItsSourcePort_TheSameWithAnyNumberOfWorkers(int workers)
    {
        using var engine = Start(workers);
        Assert.Equal(workers, engine.LocalEndPoints.Count);
        IPEndPoint server = engine.LocalEndPoints[0];
        byte[] request = LoopbackClient.ClientRequest(RealtimeClock.Now());

        var sockets = Enumerable.Range(0, Requests).Select(_ =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Parse("127.9.0.1"), 0));
            return socket;
        }).ToList();
        try
        {
            sockets.ForEach(s => s.SendTo(request, server));
            WaitUntilHandled(engine, Requests);

            Assert.Equal(10, sockets.Count(s => s.Available > 0));
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }

        Assert.Equal(Requests - 10, engine.Counters().Drops[DropReason.RateLimited]);
    }

    [Fact]
    public void SpreadsDistinctClientsOverTheWorkers_AndCountsEachOnceWithItsWireBytes()
    {
        using var engine = Start(2);
        IPEndPoint server = engine.LocalEndPoints[0];
        byte[] request = LoopbackClient.ClientRequest(RealtimeClock.Now());
        for (int i = 1; i <= 64; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 1000 };
            socket.Bind(new IPEndPoint(IPAddress.Parse($"127.9.1.{i}"), 0));
            socket.SendTo(request, server);
            Assert.True(TryReceive(socket));
        }

        // A reply can reach the client before its worker has counted the send.
        WaitUntilHandled(engine, 64);
        Assert.All(engine.Limiters, l => Assert.InRange(l.Table.Occupancy, 1, 63));
        Assert.Equal(64, engine.Limiters.Sum(l => l.Table.Occupancy));
        ServingCountersSnapshot counters = engine.Counters();
        Assert.Equal(UniqueCount.Exact(64), counters.Clients);
        Assert.Equal(64 * (48 + 28), counters.BytesReceived);
        Assert.Equal(64 * (48 + 28), counters.BytesSent);
    }

    [Fact]
    public void CountsIPv6Datagrams_WithFortyEightBytesOfHeaders()
    {
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, RealtimeClock.Now()));
        using var engine = TestEngine.Start([new IPEndPoint(IPAddress.IPv6Loopback, 0)], state);
        using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 1000 };
        socket.SendTo(LoopbackClient.ClientRequest(RealtimeClock.Now()), engine.LocalEndPoints[0]);
        Assert.True(TryReceive(socket));

        Assert.Equal(48 + 48, engine.Counters().BytesReceived);
    }

    private static ServingEngine Start(int workers)
    {
        var access = new AccessList([new AccessRule(NetEndpoint.FromIPv4(0, 0), 0, AccessFlags.Limited)]);
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, RealtimeClock.Now()));
        uint seed = 1;
        return TestEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], state,
            () => new ServingPolicy(access, new RateLimiter(new RateLimitOptions(Leak: 0, TableSize: 1024), seed, seed + 1), null, seed++), workers);
    }

    /// <summary>The workers are other threads: wait (bounded) until they handled and answered every request.</summary>
    private static void WaitUntilHandled(ServingEngine engine, int requests)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var counters = engine.Counters();
            if (counters.Served + counters.DroppedTotal >= requests)
            {
                return;
            }

            Thread.Sleep(10);
        }

        Assert.Fail("the workers did not handle every request in time");
    }

    private static bool TryReceive(Socket socket)
    {
        byte[] reply = new byte[128];
        try
        {
            return socket.Receive(reply) > 0;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
