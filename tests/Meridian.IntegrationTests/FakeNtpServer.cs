using System.Net;
using System.Net.Sockets;
using Meridian.Net;
using Meridian.Protocol;

namespace Meridian.IntegrationTests;

/// <summary>
/// A server of the test's own on a loopback port: answers mode 4 at stratum 1 with its clock a fixed
/// offset from the system clock, or with a kiss-o'-death, or not at all. One thread, stopped on dispose.
/// </summary>
internal sealed class FakeNtpServer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Thread _thread;
    private readonly double _offset;
    private readonly string? _kiss;
    private readonly bool _silent;
    private volatile bool _stopped;
    private int _requests;

    private FakeNtpServer(double offset, string? kiss, bool silent)
    {
        (_offset, _kiss, _silent) = (offset, kiss, silent);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.ReceiveTimeout = 100;
        _thread = new Thread(Serve) { IsBackground = true, Name = "fake NTP server" };
        _thread.Start();
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public string Address => $"127.0.0.1:{Port}";

    public int Requests => Volatile.Read(ref _requests);

    public static FakeNtpServer WithOffset(double seconds) => new(seconds, null, false);

    public static FakeNtpServer Kissing(string code) => new(0, code, false);

    public static FakeNtpServer Silent() => new(0, null, true);

    public void Dispose()
    {
        _stopped = true;
        _thread.Join();
        _socket.Dispose();
    }

    private void Serve()
    {
        byte[] buffer = new byte[2048];
        EndPoint client = new IPEndPoint(IPAddress.Any, 0);
        while (!_stopped)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, ref client);
            }
            catch (SocketException)
            {
                continue; // the receive timeout: look at _stopped again
            }

            Interlocked.Increment(ref _requests);
            if (!_silent && length >= NtpHeader.Size)
            {
                _socket.SendTo(Reply(NtpTimestamp.Read(buffer.AsSpan(NtpHeader.TransmitTimestampOffset))), client);
            }
        }
    }

    private byte[] Reply(NtpTimestamp requestTransmit)
    {
        NtpTimestamp now = NtpTimestamp.FromUnixNanoseconds(RealtimeClock.NowUnixNanoseconds() + (long)(_offset * 1e9));
        var header = new NtpHeader(
            _kiss is null ? LeapIndicator.NoWarning : LeapIndicator.Unsynchronized, 4, NtpMode.Server, (byte)(_kiss is null ? 1 : 0), 4, -20,
            NtpShort.Zero, NtpShort.Zero, ReferenceId.FromAscii(_kiss ?? "FAKE"), now, requestTransmit, now, now);
        byte[] reply = new byte[NtpHeader.Size];
        header.TryWrite(reply);
        return reply;
    }
}
