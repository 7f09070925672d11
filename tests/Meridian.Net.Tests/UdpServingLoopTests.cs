using System.Net;
using System.Net.Sockets;
using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Net.Tests;

public class UdpServingLoopTests
{
    private static readonly ServerStateCell LocalStratum1 = new(ServerState.LocalClock(1, -20, RealtimeClock.Now()));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void AnswersAClientOnLoopback_WithTheServedClock(string address)
    {
        using var engine = TestEngine.Start([new IPEndPoint(IPAddress.Parse(address), 0)], LocalStratum1);
        using var client = new LoopbackClient(engine.LocalEndPoints[0].AddressFamily);
        NtpTimestamp sent = RealtimeClock.Now();

        byte[]? reply = client.Exchange(engine.LocalEndPoints[0], LoopbackClient.ClientRequest(sent));
        NtpTimestamp received = RealtimeClock.Now();

        Assert.NotNull(reply);
        Assert.True(NtpHeader.TryRead(reply, out NtpHeader header));
        Assert.Equal(NtpMode.Server, header.Mode);
        Assert.Equal(1, header.Stratum);
        Assert.Equal(sent, header.OriginTimestamp);
        Assert.InRange(header.ReceiveTimestamp.SecondsSince(sent), 0, received.SecondsSince(sent));
        Assert.InRange(header.TransmitTimestamp.SecondsSince(header.ReceiveTimestamp), 0, received.SecondsSince(sent));
    }

    [Fact]
    public void SendsNothing_ForAMonlistRequest_AndCountsIt()
    {
        using var engine = TestEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], LocalStratum1);
        using var client = new LoopbackClient(AddressFamily.InterNetwork);
        byte[] monlist = new byte[48];
        monlist[0] = 0x17;
        monlist[2] = 3;
        monlist[3] = 42;

        AssertOnlyTheFollowingRequestIsAnswered(engine, client, monlist);

        ServingCountersSnapshot counters = engine.Counters();
        Assert.Equal(1, counters.Drops[DropReason.ModePrivate]);
        Assert.Equal(2, counters.Received);
    }

    [Fact]
    public void SeesAnOversizedDatagramWhole_AndDropsItAsTooLong()
    {
        using var engine = TestEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], LocalStratum1);
        using var client = new LoopbackClient(AddressFamily.InterNetwork);
        byte[] oversized = new byte[9000];
        LoopbackClient.ClientRequest(RealtimeClock.Now()).CopyTo(oversized, 0);

        AssertOnlyTheFollowingRequestIsAnswered(engine, client, oversized);

        Assert.Equal(1, engine.Counters().Drops[DropReason.LengthTooLong]);
    }

    [Fact]
    public void FailsToStart_WhenThePortIsTaken_NamingAddressAndReason()
    {
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var taken = (IPEndPoint)occupant.LocalEndPoint!;

        var error = Assert.Throws<ListenException>(() => TestEngine.Start([taken], LocalStratum1));

        Assert.Equal(SocketError.AddressAlreadyInUse, error.Error);
        Assert.Contains($"127.0.0.1:{taken.Port} is already served by another process", error.Message);
    }

    [Fact]
    public void LeavesNothingOpen_WhenALaterAddressFails()
    {
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var free = (IPEndPoint)probe.LocalEndPoint!;
        probe.Dispose();

        Assert.Throws<ListenException>(() => TestEngine.Start([free, (IPEndPoint)occupant.LocalEndPoint!], LocalStratum1));

        using var rebind = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rebind.Bind(free);
    }

    /// <summary>
    /// Sends the probe, then a valid request: one loop thread handles them in order, so a single reply
    /// whose origin is the valid request's transmit time proves the probe got nothing.
    /// </summary>
    private static void AssertOnlyTheFollowingRequestIsAnswered(ServingEngine engine, LoopbackClient client, byte[] probe)
    {
        NtpTimestamp transmit = RealtimeClock.Now();
        client.Send(engine.LocalEndPoints[0], probe);
        byte[]? reply = client.Exchange(engine.LocalEndPoints[0], LoopbackClient.ClientRequest(transmit));

        Assert.NotNull(reply);
        Assert.Equal(transmit, NtpTimestamp.Read(reply.AsSpan(NtpHeader.OriginTimestampOffset)));
    }
}
