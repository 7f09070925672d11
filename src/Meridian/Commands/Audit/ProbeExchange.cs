using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Meridian.Commands.Audit;

/// <summary>
/// Sends one probe from a fresh socket connected to the target (so only the target's datagrams are
/// received) and counts every datagram and payload byte that arrives within the window.
/// </summary>
public static class ProbeExchange
{
    /// <summary>A bound on the datagrams counted per probe; monlist answers at most 100 or so.</summary>
    public const int MaxDatagrams = 100_000;

    /// <summary>Packets and payload bytes back; <c>Refused</c> when an ICMP port unreachable came back instead.</summary>
    public readonly record struct Outcome(long Packets, long Bytes, bool Refused);

    public static Outcome Run(IPEndPoint target, ReadOnlySpan<byte> request, TimeSpan window)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(target);
        long start = Stopwatch.GetTimestamp();
        socket.Send(request);
        byte[] buffer = new byte[65536];
        long packets = 0;
        long bytes = 0;
        for (int i = 0; i < MaxDatagrams; i++)
        {
            TimeSpan remaining = window - Stopwatch.GetElapsedTime(start);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            socket.ReceiveTimeout = Math.Max(1, (int)Math.Ceiling(remaining.TotalMilliseconds));
            try
            {
                bytes += socket.Receive(buffer);
                packets++;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                break;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return new Outcome(packets, bytes, Refused: true);
            }
        }

        return new Outcome(packets, bytes, Refused: false);
    }
}
