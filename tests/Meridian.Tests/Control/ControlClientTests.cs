using System.Net.Sockets;
using Meridian.Control;

namespace Meridian.Tests.Control;

public class ControlClientTests
{
    [Fact]
    public void AsksWhetherTheServerRuns_WhenTheSocketFileIsMissing()
    {
        using var dir = new TempSocketDirectory();

        var e = Assert.Throws<ControlSocketException>(() => ControlClient.Query(dir.SocketPath, "status"));

        Assert.Equal($"no control socket at {dir.SocketPath}: is 'meridian serve' running?", e.Message);
    }

    [Fact]
    public void AsksWhetherTheServerRuns_WhenNothingListensOnTheSocketFile()
    {
        using var dir = new TempSocketDirectory();
        Directory.CreateDirectory(Path.GetDirectoryName(dir.SocketPath)!);
        using (var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            stale.Bind(new UnixDomainSocketEndPoint(dir.SocketPath));
        }

        var e = Assert.Throws<ControlSocketException>(() => ControlClient.Query(dir.SocketPath, "status"));

        Assert.Contains("is 'meridian serve' running?", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SocketError.AddressNotAvailable, "no control socket at /run/m.sock: is 'meridian serve' running?")]
    [InlineData(SocketError.ConnectionRefused, "nothing listens on /run/m.sock: is 'meridian serve' running?")]
    [InlineData(SocketError.AccessDenied, "permission denied on /run/m.sock: run as root or a member of the socket's group")]
    [InlineData(SocketError.TimedOut, "cannot connect to /run/m.sock: reason")]
    public void ExplainsConnectFailures(SocketError error, string expected)
    {
        Assert.Equal(expected, ControlClient.ConnectFailure("/run/m.sock", error, "reason"));
    }
}
