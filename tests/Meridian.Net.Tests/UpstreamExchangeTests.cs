using System.Net;
using System.Net.Sockets;
using Meridian.Core;
using Meridian.Core.Sync;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Net.Tests;

/// <summary>
/// Upstream replies are timestamped when they arrive, not when the sync thread reads them; an ICMP
/// error ends its request at once as a failure instead of leaving the socket forever "ready".
/// </summary>
public class UpstreamExchangeTests
{
    [Fact]
    public void AReplyReadLate_KeepsTheKernelsArrivalTime()
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2000 };
        upstream.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = (ushort)((IPEndPoint)upstream.LocalEndPoint!).Port;
        using var exchange = new UpstreamExchange(RealtimeClock.ReadLocal);

        // Linux turns receive timestamps on for the whole system lazily (a static key flipped by deferred
        // work) when the first socket asks for them; a datagram arriving before that is stamped when read.
        // In a server the serving sockets ask long before the first upstream exchange; here this exchange's
        // socket may be the first on the machine, so its first round may come too early. A later one may not.
        Round round = Exchange(exchange, upstream, port);
        for (int tries = 1; tries < 5 && round.ReadAt.System.SecondsSince(round.ReceivedAt.System) < 0.15; tries++)
        {
            round = Exchange(exchange, upstream, port);
        }

        Assert.InRange(round.ReadAt.System.SecondsSince(round.ReceivedAt.System), 0.15, 1);
        Assert.InRange(round.ReceivedAt.System.SecondsSince(round.Replied.System), -0.01, 0.05);
        Assert.InRange(round.ReadAt.Monotonic.SecondsSince(round.ReceivedAt.Monotonic), 0.15, 1);
    }

    [Fact]
    public void ARequestToAClosedPort_EndsAtOnceAsItsSourcesFailure()
    {
        ushort closed = ClosedPort();
        using var exchange = new UpstreamExchange(RealtimeClock.ReadLocal);
        Assert.True(exchange.TrySend(new OutgoingRequest(3, NetEndpoint.FromIPv4(0x7F000001, closed), new byte[NtpHeader.Size]), RealtimeClock.ReadLocal().Monotonic, out _));

        UpstreamAnswer answer = exchange.Receive(TimeSpan.FromSeconds(2)).Single();

        Assert.Equal(3, answer.SourceId);
        Assert.Null(answer.Packet);
        Assert.Equal("port unreachable (nothing listens there)", answer.Failure);
        Assert.False(exchange.HasPending); // nothing left to wake the sync thread before the next poll
    }

    /// <summary>One request, answered at once by <paramref name="upstream"/>, read by the exchange 200 ms later.</summary>
    private static Round Exchange(UpstreamExchange exchange, Socket upstream, ushort port)
    {
        Assert.True(exchange.TrySend(new OutgoingRequest(7, NetEndpoint.FromIPv4(0x7F000001, port), new byte[NtpHeader.Size]), RealtimeClock.ReadLocal().Monotonic, out _));
        byte[] request = new byte[NtpHeader.Size];
        EndPoint client = new IPEndPoint(IPAddress.Any, 0);
        upstream.ReceiveFrom(request, ref client);
        upstream.SendTo(request, client);
        LocalTime replied = RealtimeClock.ReadLocal();
        Thread.Sleep(200);
        LocalTime readAt = RealtimeClock.ReadLocal();
        var (sourceId, _, receivedAt, failure) = exchange.Receive(TimeSpan.FromSeconds(2)).Single();
        Assert.Equal(7, sourceId);
        Assert.Null(failure);
        return new Round(replied, readAt, receivedAt);
    }

    private sealed record Round(LocalTime Replied, LocalTime ReadAt, LocalTime ReceivedAt);

    /// <summary>A loopback UDP port nothing listens on (bound, then released).</summary>
    internal static ushort ClosedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (ushort)((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
