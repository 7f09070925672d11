using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Meridian.Core.Client;
using Meridian.Protocol;

namespace Meridian.Net;

/// <summary>
/// One SNTP exchange: a data-minimized request with a cryptographically random transmit timestamp,
/// sent from a fresh socket (random source port) connected to the server, so only datagrams from the
/// server's address and port are heard. T1 is read from the system clock just before the send, T4 is
/// the kernel's receive timestamp of the reply (Linux; otherwise the clock right after the receive);
/// the reply is checked and measured by <see cref="SntpReply"/>.
/// </summary>
public static class SntpClient
{
    public static SntpResult Query(IPEndPoint server, TimeSpan timeout)
    {
        SntpRequest request = SntpRequest.Create(RandomUInt64());
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        NtpTimestamp t1;
        try
        {
            KernelReceiveTime.Enable(socket);
            socket.Connect(server);
            WarmUpSend();
            t1 = RealtimeClock.Now();
            socket.Send(request.Packet);
        }
        catch (SocketException)
        {
            return SntpResult.Failed(SntpStatus.Refused);
        }

        return AwaitReply(socket, request.Transmit, t1, deadline);
    }

    /// <summary>
    /// Waits for the reply until the deadline. A datagram that fails validation (not an answer to this
    /// request) does not end the wait; the last such failure is reported when no answer comes.
    /// </summary>
    private static SntpResult AwaitReply(Socket socket, NtpTimestamp requestTransmit, NtpTimestamp t1, long deadline)
    {
        byte[] buffer = new byte[2048];
        SntpResult last = SntpResult.Failed(SntpStatus.NoReply);
        for (long remaining = deadline - Stopwatch.GetTimestamp(); remaining > 0; remaining = deadline - Stopwatch.GetTimestamp())
        {
            socket.ReceiveTimeout = (int)Math.Clamp(remaining * 1000 / Stopwatch.Frequency, 1, int.MaxValue);
            int length = KernelReceiveTime.Receive(socket, buffer, out NtpTimestamp? arrival, out SocketError error, wait: true);
            if (length < 0)
            {
                // ICMP port unreachable: nothing listens there; anything else is the timeout.
                return error == SocketError.ConnectionRefused ? SntpResult.Failed(SntpStatus.Refused) : last;
            }

            NtpTimestamp t4 = arrival ?? RealtimeClock.Now();
            SntpResult result = SntpReply.Evaluate(buffer.AsSpan(0, length), requestTransmit, t1, t4);
            if (result.Status is SntpStatus.Valid or SntpStatus.Kiss or SntpStatus.Unsynchronized)
            {
                return result;
            }

            last = result;
        }

        return last;
    }

    /// <summary>
    /// Sends one byte to a throwaway socket of our own first, so the JIT compiles the send path before
    /// T1 is read rather than between T1 and the request leaving (it showed as +0.1 ms offset and
    /// +0.25 ms delay on the first query of a process).
    /// </summary>
    private static void WarmUpSend()
    {
        using var self = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        self.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        self.Connect(self.LocalEndPoint!);
        self.Send(new byte[1]);
        RealtimeClock.Now();
    }

    private static ulong RandomUInt64()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
