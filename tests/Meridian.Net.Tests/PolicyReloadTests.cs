using System.Net;
using System.Net.Sockets;
using Meridian.Core.Access;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Net.Tests;

/// <summary>A reload handed to a running serving loop decides the datagrams that arrive after it.</summary>
public class PolicyReloadTests
{
    private static readonly ServerStateCell LocalStratum1 = new(ServerState.LocalClock(1, -20, RealtimeClock.Now()));
    private static readonly RateLimitOptions Limits = new(TableSize: 1024);

    [Fact]
    public void DropsASourceANewRestrictRuleIgnores_AndAnswersItAgainAfterTheNextReload()
    {
        using var engine = TestEngine.Start(
            [new IPEndPoint(IPAddress.Loopback, 0)], LocalStratum1,
            () => new ServingPolicy(AccessList.Unrestricted, new RateLimiter(Limits, 1, 2), null, 3));
        IPEndPoint server = engine.LocalEndPoints[0];
        using var ignored = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        ignored.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        using var client = new LoopbackClient(AddressFamily.InterNetwork);
        RateLimiter limiter = Assert.Single(engine.Limiters);

        engine.Reconfigure(p => p.Reconfigured(new AccessList([Rule("127.0.0.2", AccessFlags.Ignore)]), Limits, 4, 5, 6));
        ignored.SendTo(LoopbackClient.ClientRequest(RealtimeClock.Now()), server);
        Assert.NotNull(client.Exchange(server, LoopbackClient.ClientRequest(RealtimeClock.Now())));

        Assert.Equal(1, engine.Counters().Drops[DropReason.AccessDenied]);
        Assert.Same(limiter.Table, Assert.Single(engine.Limiters).Table);

        engine.Reconfigure(p => p.Reconfigured(AccessList.Unrestricted, Limits, 4, 5, 6));
        ignored.ReceiveTimeout = 2000;
        ignored.SendTo(LoopbackClient.ClientRequest(RealtimeClock.Now()), server);
        byte[] reply = new byte[NtpHeader.Size];
        Assert.Equal(NtpHeader.Size, ignored.Receive(reply));
        Assert.Equal(1, engine.Counters().Drops[DropReason.AccessDenied]);
    }

    private static AccessRule Rule(string address, AccessFlags flags) =>
        new(SocketEndpoints.FromIPEndPoint(new IPEndPoint(IPAddress.Parse(address), 0)), 32, flags);
}
