using System.Net.Sockets;
using System.Text;
using Meridian.Hosting;

namespace Meridian.Tests.Hosting;

/// <summary>sd_notify as systemd receives it: datagrams on the socket named by NOTIFY_SOCKET.</summary>
public sealed class SystemdNotifierTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"meridian-notify-{Guid.NewGuid():N}.sock");
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public SystemdNotifierTests()
    {
        _listener.Bind(new UnixDomainSocketEndPoint(_path));
        _listener.ReceiveTimeout = 5000;
    }

    [Fact]
    public void SendsReadyStatusWatchdogReloadingAndStopping_AsSystemdReadsThem()
    {
        using var notifier = new SystemdNotifier(_path);

        notifier.Ready("synchronized to 192.0.2.1, stratum 2");
        notifier.Status("unsynchronized\nsecond line");
        notifier.Watchdog();
        notifier.Reloading();
        notifier.Stopping();

        Assert.Equal($"READY=1\nSTATUS=synchronized to 192.0.2.1, stratum 2\nMAINPID={Environment.ProcessId}", Receive());
        Assert.Equal("STATUS=unsynchronized second line", Receive());
        Assert.Equal("WATCHDOG=1", Receive());
        Assert.Equal("RELOADING=1", Receive());
        Assert.Equal("STOPPING=1", Receive());
    }

    [Fact]
    public void ReachesAnAbstractSocket_NamedWithALeadingAt()
    {
        string name = $"meridian-notify-{Guid.NewGuid():N}";
        using var abstractListener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        abstractListener.Bind(new UnixDomainSocketEndPoint("\0" + name));
        abstractListener.ReceiveTimeout = 5000;
        using var notifier = new SystemdNotifier("@" + name);

        notifier.Watchdog();

        byte[] buffer = new byte[256];
        Assert.Equal("WATCHDOG=1", Encoding.UTF8.GetString(buffer, 0, abstractListener.Receive(buffer)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/path")]
    public void DoesNothing_WithoutANotifySocket(string? notifySocket)
    {
        using var notifier = new SystemdNotifier(notifySocket);

        notifier.Ready("ready");

        Assert.False(notifier.IsEnabled);
    }

    [Fact]
    public void KeepsGoing_WhenSystemdIsGone()
    {
        using var notifier = new SystemdNotifier(_path);
        _listener.Dispose();
        File.Delete(_path);

        notifier.Watchdog();
        notifier.Stopping();

        Assert.True(notifier.IsEnabled);
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(_path);
    }

    private string Receive()
    {
        byte[] buffer = new byte[4096];
        return Encoding.UTF8.GetString(buffer, 0, _listener.Receive(buffer));
    }
}
