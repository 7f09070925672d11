using System.Net;
using Meridian.Commands.Serve;

namespace Meridian.Tests.Commands;

/// <summary><c>meridian serve</c>'s values: --listen parsed, --workers clamped, before any configuration is read.</summary>
public class ServeOptionsTests
{
    [Fact]
    public void TryCreate_ParsesEveryListenAddress()
    {
        ServeOptions options = ServeOptions.TryCreate("/etc/meridian/meridian.conf", ["127.0.0.1:1123", "[::1]:1123"], 4, "ntp", out _)!;

        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 1123), new IPEndPoint(IPAddress.IPv6Loopback, 1123)], options.Listen);
        Assert.Equal(("/etc/meridian/meridian.conf", 4, "ntp"), (options.ConfigFile, options.Workers, options.User));
    }

    [Fact]
    public void TryCreate_NamesTheListenValue_ThatIsNotAnAddress()
    {
        Assert.Null(ServeOptions.TryCreate(null, ["127.0.0.1:1123", "localhost:x"], 4, null, out string problem));
        Assert.Equal("--listen 'localhost:x' is not ADDR, ADDR:PORT or [IPv6]:PORT", problem);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(1000, ServeOptions.MaxWorkers)]
    public void TryCreate_ClampsWorkersToTheirRange(int workers, int expected)
    {
        Assert.Equal(expected, ServeOptions.TryCreate(null, [], workers, null, out _)!.Workers);
    }
}
