using System.Net;
using System.Net.Sockets;
using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Net.Tests;

/// <summary>Each reply carries a transmit timestamp read just before its own send, not one per batch.</summary>
public class TransmitTimestampTests
{
    private const int Burst = 256;

    /// <summary>
    /// A burst queues on the socket, so the loop receives it in batches of up to 32; a timestamp
    /// read once per batch would repeat across the replies of a batch. Each reply's own reading
    /// comes after the previous reply's send (a system call, microseconds), so all differ.
    /// </summary>
    [Fact]
    public void StampsEveryReplyOfABurst_WithItsOwnTransmitTime()
    {
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, RealtimeClock.Now()));
        using var engine = TestEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], state);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2000, ReceiveBufferSize = 1 << 20 };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        IPEndPoint server = engine.LocalEndPoints[0];

        NtpTimestamp start = RealtimeClock.Now();
        for (int i = 0; i < Burst; i++)
        {
            socket.SendTo(LoopbackClient.ClientRequest(new NtpTimestamp(start.Value + (ulong)i)), server);
        }

        var transmits = new HashSet<ulong>();
        byte[] buffer = new byte[2048];
        for (int i = 0; i < Burst; i++)
        {
            int length = socket.Receive(buffer);
            Assert.Equal(NtpHeader.Size, length);
            transmits.Add(NtpTimestamp.Read(buffer.AsSpan(NtpHeader.TransmitTimestampOffset)).Value);
        }

        engine.WaitUntilAllHandled();
        Assert.Equal(Burst, engine.Counters().Served);
        Assert.Equal(Burst, transmits.Count);
    }
}
