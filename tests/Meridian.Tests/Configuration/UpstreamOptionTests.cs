using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

public class UpstreamOptionTests
{
    [Fact]
    public void ABareServerLine_HasTheDefaults()
    {
        UpstreamOptions server = Assert.Single(ConfigText.Parse("server ntp.example.org").Upstreams);

        Assert.Equal(UpstreamKind.Server, server.Kind);
        Assert.Equal("ntp.example.org", server.Host);
        Assert.Equal(123, server.Port);
        Assert.Equal(6, server.MinPoll);
        Assert.Equal(10, server.MaxPoll);
        Assert.Equal(4, server.Version);
        Assert.False(server.Iburst || server.Burst || server.Prefer || server.NoSelect);
    }

    [Fact]
    public void ReadsEveryServerOption()
    {
        UpstreamOptions server = Assert.Single(ConfigText.Parse(
            "server 192.0.2.1 iburst burst prefer noselect minpoll 4 maxpoll 12 port 10123 version 3").Upstreams);

        Assert.Equal("192.0.2.1", server.Host);
        Assert.True(server.Iburst);
        Assert.True(server.Burst);
        Assert.True(server.Prefer);
        Assert.True(server.NoSelect);
        Assert.Equal(4, server.MinPoll);
        Assert.Equal(12, server.MaxPoll);
        Assert.Equal(10123, server.Port);
        Assert.Equal(3, server.Version);
    }

    [Fact]
    public void ReadsAPool_WithMaxSources()
    {
        UpstreamOptions pool = Assert.Single(ConfigText.Parse("pool 2.debian.pool.ntp.org iburst maxsources 8").Upstreams);

        Assert.Equal(UpstreamKind.Pool, pool.Kind);
        Assert.Equal("2.debian.pool.ntp.org", pool.Host);
        Assert.True(pool.Iburst);
        Assert.Equal(8, pool.MaxSources);
    }

    [Theory]
    [InlineData("server ntp.example.org minpoll 3 maxpoll 3", 3, 3)]
    [InlineData("server ntp.example.org minpoll 17 maxpoll 17", 17, 17)]
    [InlineData("server ntp.example.org maxpoll 8", 6, 8)]
    [InlineData("server ntp.example.org minpoll 10", 10, 10)]
    public void AcceptsPollIntervals_FromMinPollToMaxPoll(string line, int minPoll, int maxPoll)
    {
        UpstreamOptions server = Assert.Single(ConfigText.Parse(line).Upstreams);

        Assert.Equal(minPoll, server.MinPoll);
        Assert.Equal(maxPoll, server.MaxPoll);
    }

    [Theory]
    [InlineData("server ::1", "::1")]
    [InlineData("server 2001:db8::123", "2001:db8::123")]
    [InlineData("server localhost", "localhost")]
    [InlineData("server ntp-1.example.org", "ntp-1.example.org")]
    public void AcceptsHostNamesAndAddresses(string line, string host)
    {
        Assert.Equal(host, Assert.Single(ConfigText.Parse(line).Upstreams).Host);
    }

    [Fact]
    public void KeepsUpstreams_InFileOrder()
    {
        var options = ConfigText.Parse("server a.example.org", "pool b.example.org", "server c.example.org");

        Assert.Equal(["a.example.org", "b.example.org", "c.example.org"], options.Upstreams.Select(u => u.Host));
        Assert.Equal([UpstreamKind.Server, UpstreamKind.Pool, UpstreamKind.Server], options.Upstreams.Select(u => u.Kind));
    }
}
