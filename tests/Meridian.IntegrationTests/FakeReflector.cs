using System.Net;
using System.Net.Sockets;

namespace Meridian.IntegrationTests;

/// <summary>
/// A vulnerable NTP server of the test's own on loopback: it answers every mode-7 monlist request
/// (request code 42) with <see cref="MonlistPackets"/> datagrams of <see cref="MonlistPacketBytes"/>
/// bytes, answers client requests (mode 3, and NTPv1's mode 0) with 48 bytes, and ignores the rest.
/// </summary>
internal sealed class FakeReflector : IDisposable
{
    public const int MonlistPackets = 10;
    public const int MonlistPacketBytes = 440;
    private const int MaxDatagrams = 10_000;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Thread _thread;
    private volatile bool _stopping;

    public FakeReflector()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.ReceiveTimeout = 100;
        _thread = new Thread(Serve) { IsBackground = true, Name = "fake reflector" };
        _thread.Start();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public void Dispose()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(5));
        _socket.Dispose();
    }

    private void Serve()
    {
        byte[] buffer = new byte[2048];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        for (int i = 0; i < MaxDatagrams && !_stopping; i++)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.ConnectionReset)
            {
                continue;
            }

            Answer(buffer.AsSpan(0, length), from);
        }
    }

    private void Answer(ReadOnlySpan<byte> request, EndPoint client)
    {
        int mode = request.Length > 0 ? request[0] & 7 : -1;
        if (mode == 7 && request.Length >= 4 && request[3] == 42)
        {
            for (int i = 0; i < MonlistPackets; i++)
            {
                _socket.SendTo(new byte[MonlistPacketBytes], client);
            }
        }
        else if (mode is 0 or 3 && request.Length >= 48)
        {
            byte[] reply = new byte[48];
            reply[0] = (byte)((request[0] & 0x38) | 4);
            _socket.SendTo(reply, client);
        }
    }
}
