using System.Net;
using System.Net.Sockets;
using Meridian.Core;
using Meridian.Core.Sync;
using Meridian.Protocol;

namespace Meridian.Net.Tests;

/// <summary>Upstream replies are timestamped when they arrive, not when the sync thread reads them.</summary>
public class UpstreamExchangeTests
{
    [Fact]
    public void AReplyReadLate_KeepsTheKernelsArrivalTime()
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2000 };
        upstream.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = (ushort)((IPEndPoint)upstream.LocalEndPoint!).Port;
        using var exchange = new UpstreamExchange(RealtimeClock.ReadLocal);
        Assert.True(exchange.TrySend(new OutgoingRequest(7, NetEndpoint.FromIPv4(0x7F000001, port), new byte[NtpHeader.Size]), RealtimeClock.ReadLocal().Monotonic, out _));

        byte[] request = new byte[NtpHeader.Size];
        EndPoint client = new IPEndPoint(IPAddress.Any, 0);
        upstream.ReceiveFrom(request, ref client);
        upstream.SendTo(request, client);
        LocalTime replied = RealtimeClock.ReadLocal();
        Thread.Sleep(200);
        LocalTime readAt = RealtimeClock.ReadLocal();
        var (sourceId, _, receivedAt) = exchange.Receive(TimeSpan.FromSeconds(2)).Single();

        Assert.Equal(7, sourceId);
        Assert.InRange(readAt.System.SecondsSince(receivedAt.System), 0.15, 1);
        Assert.InRange(receivedAt.System.SecondsSince(replied.System), -0.01, 0.05);
        Assert.InRange(readAt.Monotonic.SecondsSince(receivedAt.Monotonic), 0.15, 1);
    }
}
