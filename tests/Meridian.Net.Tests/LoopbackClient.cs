using System.Net;
using System.Net.Sockets;
using Meridian.Protocol;

namespace Meridian.Net.Tests;

/// <summary>A plain UDP client on loopback that sends one datagram and waits a bounded time for a reply.</summary>
internal sealed class LoopbackClient : IDisposable
{
    private readonly Socket _socket;

    public LoopbackClient(AddressFamily family)
    {
        _socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2000 };
        _socket.Bind(new IPEndPoint(family == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback, 0));
    }

    public static byte[] ClientRequest(NtpTimestamp transmit)
    {
        byte[] request = new byte[NtpHeader.Size];
        request[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        transmit.Write(request.AsSpan(NtpHeader.TransmitTimestampOffset));
        return request;
    }

    public void Send(IPEndPoint server, byte[] datagram) => _socket.SendTo(datagram, server);

    /// <summary>Sends and returns the reply, or null when none came within <paramref name="timeoutMs"/>.</summary>
    public byte[]? Exchange(IPEndPoint server, byte[] request, int timeoutMs = 2000)
    {
        _socket.ReceiveTimeout = timeoutMs;
        _socket.SendTo(request, server);
        byte[] buffer = new byte[2048];
        try
        {
            int length = _socket.Receive(buffer);
            return buffer[..length];
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            return null;
        }
    }

    public void Dispose() => _socket.Dispose();
}
