using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

public class LocalClockDriverTests
{
    [Fact]
    public void Server127_127_1_0_IsTheLocalClock_OneAboveTheDriversDefaultStratum5()
    {
        MeridianOptions options = ConfigText.Parse("pool 0.debian.pool.ntp.org iburst", "server 127.127.1.0");

        Assert.Equal(6, options.LocalClockStratum);
        UpstreamOptions pool = Assert.Single(options.Upstreams);
        Assert.Equal("0.debian.pool.ntp.org", pool.Host);
    }

    [Fact]
    public void FudgedStratum_IsServedPlusOne_WhicheverLineComesFirst()
    {
        Assert.Equal(11, ConfigText.Parse("server 127.127.1.0", "fudge 127.127.1.0 stratum 10").LocalClockStratum);
        Assert.Equal(11, ConfigText.Parse("fudge 127.127.1.0 stratum 10", "server 127.127.1.0").LocalClockStratum);
    }

    [Fact]
    public void WarnsThatPoolServersMustNotUseIt_NamingTheLine()
    {
        MeridianOptions options = ConfigText.Parse("server 127.127.1.0 iburst", "fudge 127.127.1.0 stratum 10");

        string warning = Assert.Single(options.Warnings, w => w.Contains("is ntpd's LOCAL clock driver", StringComparison.Ordinal));
        Assert.StartsWith($"{ConfigText.File}:1: 'server 127.127.1.0' is ntpd's LOCAL clock driver", warning, StringComparison.Ordinal);
        Assert.Contains("stratum 11", warning, StringComparison.Ordinal);
        Assert.Contains("pool server above all, must not use it", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExplicitLocalStratum_Wins()
    {
        Assert.Equal(3, ConfigText.Parse("local stratum 3", "server 127.127.1.0").LocalClockStratum);
    }

    [Fact]
    public void AFudgeOfAnotherClock_DoesNotChangeTheLocalStratum()
    {
        Assert.Equal(6, ConfigText.Parse("server 127.127.1.0", "fudge 127.127.28.0 stratum 1").LocalClockStratum);
    }

    [Theory]
    [InlineData("server 127.127.28.0", "reference clock driver type 28")]
    [InlineData("server 127.127.20.1 mode 17", "reference clock driver type 20")]
    [InlineData("refclock shm unit 0", "'refclock' is not supported")]
    [InlineData("fudge 127.127.1.0 stratum 15", "'stratum' must be an integer from 0 to 14")]
    public void OtherReferenceClocks_AreErrors(string line, string reason)
    {
        ConfigText.ErrorAt(2, reason, "server ntp.example.org", line);
    }
}
