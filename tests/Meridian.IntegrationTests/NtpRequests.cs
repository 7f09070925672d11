using System.Net;
using System.Net.Sockets;

namespace Meridian.IntegrationTests;

/// <summary>Plain client requests from one socket, each waited for in turn; bounded by count and a per-request timeout.</summary>
internal static class NtpRequests
{
    /// <summary>Sends <paramref name="count"/> mode-3 requests one after the other; returns how many got a reply.</summary>
    public static int Exchange(IPEndPoint server, int count, int length = 48)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.ReceiveTimeout = 1000;
        var request = new byte[length];
        var reply = new byte[1024];
        int replies = 0;
        for (int i = 0; i < count; i++)
        {
            request[0] = 0x23; // LI 0, version 4, mode 3 (client)
            BitConverter.TryWriteBytes(request.AsSpan(40), 0x0123456789ABCDEFL + i);
            socket.SendTo(request, server);
            try
            {
                replies += socket.Receive(reply) >= 48 ? 1 : 0;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                // Dropped (rate-limited or malformed): counted by the server, not here.
            }
        }

        return replies;
    }

    /// <summary>Sends <paramref name="count"/> mode-3 requests back to back without reading replies (a burst the rate limiter sees).</summary>
    public static void Send(IPEndPoint server, int count)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var request = new byte[48];
        for (int i = 0; i < count; i++)
        {
            request[0] = 0x23;
            BitConverter.TryWriteBytes(request.AsSpan(40), 0x0123456789ABCDEFL + i);
            socket.SendTo(request, server);
        }
    }

    /// <summary>Sends datagrams the server drops without a reply (too short), without waiting.</summary>
    public static void SendShort(IPEndPoint server, int count)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        for (int i = 0; i < count; i++)
        {
            socket.SendTo(new byte[20], server);
        }
    }
}
