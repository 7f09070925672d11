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
        return Exchange(
            server, request.Packet, timeout,
            (ReadOnlySpan<byte> reply, NtpTimestamp t1, NtpTimestamp t4, out bool answer) =>
            {
                SntpResult result = SntpReply.Evaluate(reply, request.Transmit, t1, t4);
                answer = result.Status is SntpStatus.Valid or SntpStatus.Kiss or SntpStatus.Unsynchronized;
                return result;
            },
            SntpResult.Failed);
    }

    /// <summary>
    /// Sends <paramref name="packet"/> and waits for the reply until the timeout; each datagram is
    /// judged by <paramref name="evaluate"/> (T1 and T4 passed in). A datagram that is not an answer to
    /// this request does not end the wait; the last such verdict is returned when no answer comes.
    /// <paramref name="failed"/> makes the result for no reply or a refusal.
    /// </summary>
    public static T Exchange<T>(IPEndPoint server, ReadOnlySpan<byte> packet, TimeSpan timeout, ReplyEvaluator<T> evaluate, Func<SntpStatus, T> failed)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        NtpTimestamp t1;
        try
        {
            KernelReceiveTime.Enable(socket);
            socket.Connect(server);
            WarmUpSend();
            t1 = RealtimeClock.Now();
            socket.Send(packet);
        }
        catch (SocketException)
        {
            return failed(SntpStatus.Refused);
        }

        byte[] buffer = new byte[2048];
        T last = failed(SntpStatus.NoReply);
        for (long remaining = deadline - Stopwatch.GetTimestamp(); remaining > 0; remaining = deadline - Stopwatch.GetTimestamp())
        {
            socket.ReceiveTimeout = (int)Math.Clamp(remaining * 1000 / Stopwatch.Frequency, 1, int.MaxValue);
            int length = KernelReceiveTime.Receive(socket, buffer, out NtpTimestamp? arrival, out SocketError error, wait: true);
            if (length < 0)
            {
                // ICMP port unreachable: nothing listens there; anything else is the timeout.
                return error == SocketError.ConnectionRefused ? failed(SntpStatus.Refused) : last;
            }

            NtpTimestamp t4 = arrival ?? RealtimeClock.Now();
            T result = evaluate(buffer.AsSpan(0, length), t1, t4, out bool answer);
            if (answer)
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
