using System.Net;
using System.Net.Sockets;
using Meridian.Core;
using Meridian.Core.Access;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Net.Tests;

/// <summary>
/// Design principle 4 over the real socket path: the serving thread allocates nothing per request
/// in steady state — receive, kernel timestamp, classify, access, rate limit, respond, send.
/// </summary>
public class SocketPathAllocationTests
{
    private const int WarmUp = 2000;
    private const int Measured = 10_000;

    [Fact]
    public void AllocatesZeroBytesPerRequest_OnTheServingThread()
    {
        var access = new AccessList([new AccessRule(NetEndpoint.FromIPv4(0, 0), 0, AccessFlags.Limited | AccessFlags.Kod)]);
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, RealtimeClock.Now()));
        using var engine = ServingEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], state, new ServedClock(),
            () => new ServingPolicy(access, new RateLimiter(new RateLimitOptions(Burst: 1_000_000, TableSize: 1024), 1, 2), null, 3));
        using var client = new LoopbackClient(AddressFamily.InterNetwork);
        byte[] request = LoopbackClient.ClientRequest(RealtimeClock.Now());
        Assert.Equal(LinuxBatchExpected, engine.IsBatched);

        Exchange(client, engine, request, WarmUp);
        long before = engine.AllocatedBytes;
        Exchange(client, engine, request, Measured);
        long after = engine.AllocatedBytes;

        Assert.Equal(0, after - before);
        Assert.True(engine.Counters().Served >= WarmUp + Measured - 1);
    }

    private static bool LinuxBatchExpected => OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("MERIDIAN_SOCKET_IO") != "managed";

    private static void Exchange(LoopbackClient client, ServingEngine engine, byte[] request, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Assert.NotNull(client.Exchange(engine.LocalEndPoints[0], request));
        }
    }
}
