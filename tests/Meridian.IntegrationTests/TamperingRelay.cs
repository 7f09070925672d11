using System.Net;
using System.Net.Sockets;

namespace Meridian.IntegrationTests;

/// <summary>
/// A UDP relay of the test's own between an NTP client and a server on loopback: each datagram from a
/// client goes to the server and the server's answer comes back, with one bit of its receive timestamp
/// flipped when <see cref="Tamper"/> is set (an on-path attacker moving the time by 2^-8 s). At most
/// <see cref="MaxDatagrams"/> are relayed.
/// </summary>
internal sealed class TamperingRelay : IDisposable
{
    private const int MaxDatagrams = 1_000;
    private const int ReceiveTimestampOffset = 32;

    private readonly Socket _front = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _server;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public TamperingRelay(IPEndPoint listen, IPEndPoint server, bool tamper)
    {
        _server = server;
        Tamper = tamper;
        _front.Bind(listen);
        _front.ReceiveTimeout = 100;
        _thread = new Thread(Relay) { IsBackground = true, Name = "tampering relay" };
        _thread.Start();
    }

    public bool Tamper { get; }

    public int Relayed { get; private set; }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(5));
        _front.Dispose();
    }

    private void Relay()
    {
        byte[] buffer = new byte[2048];
        using var back = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        back.ReceiveTimeout = 2000;
        back.Connect(_server);
        while (!_stopping && Relayed < MaxDatagrams)
        {
            EndPoint client = new IPEndPoint(IPAddress.Any, 0);
            int length;
            try
            {
                length = _front.ReceiveFrom(buffer, ref client);
                back.Send(buffer.AsSpan(0, length));
                length = back.Receive(buffer);
            }
            catch (SocketException)
            {
                continue;
            }

            if (Tamper && length > ReceiveTimestampOffset + 4)
            {
                buffer[ReceiveTimestampOffset + 4] ^= 0x01;
            }

            _front.SendTo(buffer.AsSpan(0, length), client);
            Relayed++;
        }
    }
}
