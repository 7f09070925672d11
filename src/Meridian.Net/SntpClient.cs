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
/// server's address and port are heard. T1 and T4 come from the system clock; the reply is checked
/// and measured by <see cref="SntpReply"/>.
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
            socket.Connect(server);
            WarmUp(socket);
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
            int length;
            try
            {
                length = socket.Receive(buffer);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return SntpResult.Failed(SntpStatus.Refused); // ICMP port unreachable: nothing listens there
            }
            catch (SocketException)
            {
                break; // the timeout
            }

            NtpTimestamp t4 = RealtimeClock.Now();
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
    /// Runs the receive side once before T1: compiling it while the request is in flight (milliseconds
    /// on the first query of a process, against a loopback round trip of tens of microseconds) would
    /// delay T4 and show as a negative offset.
    /// </summary>
    private static void WarmUp(Socket socket)
    {
        socket.Poll(0, SelectMode.SelectRead);
        AwaitReply(socket, default, default, deadline: 0);
        RealtimeClock.Now();
    }

    private static ulong RandomUInt64()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
