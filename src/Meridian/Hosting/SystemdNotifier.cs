using System.Net.Sockets;
using System.Text;

namespace Meridian.Hosting;

/// <summary>
/// The sd_notify protocol: one datagram of newline-separated KEY=VALUE assignments to the Unix
/// socket systemd names in <c>$NOTIFY_SOCKET</c> (a path, or an abstract name written with a
/// leading '@'). Without that variable (not started by systemd with Type=notify) every call does
/// nothing. Delivery errors are ignored: systemd's supervision must never stop the server.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _endpoint;

    public SystemdNotifier(string? notifySocket)
    {
        if (string.IsNullOrEmpty(notifySocket) || notifySocket[0] is not ('/' or '@'))
        {
            return;
        }

        // An abstract socket's name starts with a NUL byte on the wire.
        _endpoint = new UnixDomainSocketEndPoint(notifySocket[0] == '@' ? "\0" + notifySocket[1..] : notifySocket);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>From the process environment, as systemd sets it.</summary>
    public static SystemdNotifier FromEnvironment() => new(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));

    public bool IsEnabled => _socket is not null;

    /// <summary>All sockets are bound and the first state is published.</summary>
    public void Ready(string status) => Send($"READY=1\nSTATUS={OneLine(status)}\nMAINPID={Environment.ProcessId}");

    /// <summary>The one-line state <c>systemctl status</c> shows.</summary>
    public void Status(string status) => Send("STATUS=" + OneLine(status));

    public void Watchdog() => Send("WATCHDOG=1");

    /// <summary>A reload has begun; <see cref="Ready"/> ends it.</summary>
    public void Reloading() => Send("RELOADING=1");

    public void Stopping() => Send("STOPPING=1");

    public void Dispose() => _socket?.Dispose();

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private void Send(string message)
    {
        if (_socket is null)
        {
            return;
        }

        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(message), _endpoint!);
        }
        catch (SocketException)
        {
            // systemd gone or the socket full: the server goes on.
        }
    }
}
