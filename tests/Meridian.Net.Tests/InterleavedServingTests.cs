using System.Net;
using System.Net.Sockets;
using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Net.Tests;

/// <summary>
/// A client in interleaved mode (RFC 9769 §2, as chrony's xleave clients send): its request's origin
/// is the receive timestamp of the previous reply, its receive field its own arrival time of that reply.
/// </summary>
public class InterleavedServingTests
{
    [Fact]
    public void ServesThePreviousRepliesKernelTransmitTime_FromTheThirdRequestOn()
    {
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, RealtimeClock.Now()));
        using var engine = TestEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], state);
        using var client = new LoopbackClient(AddressFamily.InterNetwork);
        IPEndPoint server = engine.LocalEndPoints[0];

        byte[] previous = Exchange(client, server, origin: NtpTimestamp.Zero, out _);
        NtpTimestamp previousArrival = RealtimeClock.Now();
        var replies = new List<(byte[] Request, byte[] Reply, byte[] Previous)>();
        for (int i = 0; i < 4; i++)
        {
            byte[] reply = Exchange(client, server, NtpTimestamp.Read(previous.AsSpan(NtpHeader.ReceiveTimestampOffset)), out byte[] request, previousArrival);
            previousArrival = RealtimeClock.Now();
            replies.Add((request, reply, previous));
            previous = reply;
        }

        // The second request names a reply nobody saved a transmit time for: basic.
        Assert.Equal(Field(replies[0].Request, NtpHeader.TransmitTimestampOffset), Field(replies[0].Reply, NtpHeader.OriginTimestampOffset));
        foreach (var (request, reply, earlier) in replies.Skip(1))
        {
            // Interleaved: origin = the request's receive field; transmit = when the previous reply left,
            // after the T3 it carried and before this request's arrival.
            Assert.Equal(Field(request, NtpHeader.ReceiveTimestampOffset), Field(reply, NtpHeader.OriginTimestampOffset));
            NtpTimestamp transmit = NtpTimestamp.Read(reply.AsSpan(NtpHeader.TransmitTimestampOffset));
            Assert.InRange(transmit.SecondsSince(NtpTimestamp.Read(earlier.AsSpan(NtpHeader.TransmitTimestampOffset))), 0, 0.5);
            Assert.True(transmit.SecondsSince(NtpTimestamp.Read(reply.AsSpan(NtpHeader.ReceiveTimestampOffset))) < 0);
        }

        Assert.Equal(3, engine.Counters().Interleaved);
    }

    private static byte[] Exchange(LoopbackClient client, IPEndPoint server, NtpTimestamp origin, out byte[] request, NtpTimestamp? receive = null)
    {
        request = Request(origin, receive ?? NtpTimestamp.Zero);
        byte[]? reply = client.Exchange(server, request);
        Assert.NotNull(reply);
        return reply;
    }

    /// <summary>An NTPv4 client request with this origin and receive field, and a transmit field of its own.</summary>
    private static byte[] Request(NtpTimestamp origin, NtpTimestamp receive)
    {
        byte[] request = LoopbackClient.ClientRequest(new NtpTimestamp(RealtimeClock.Now().Value ^ 0x5A5A));
        origin.Write(request.AsSpan(NtpHeader.OriginTimestampOffset));
        receive.Write(request.AsSpan(NtpHeader.ReceiveTimestampOffset));
        return request;
    }

    private static ulong Field(byte[] packet, int offset) => NtpTimestamp.Read(packet.AsSpan(offset)).Value;
}
