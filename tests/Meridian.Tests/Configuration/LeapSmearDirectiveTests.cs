using Meridian.Configuration;
using Meridian.Core.Leap;

namespace Meridian.Tests.Configuration;

public class LeapSmearDirectiveTests
{
    [Fact]
    public void IsOffByDefault()
    {
        Assert.Null(ConfigText.Parse("server 192.0.2.1").LeapSmear);
    }

    [Theory]
    [InlineData("leapsmear 86400", 86_400, LeapSmearShape.Linear)]
    [InlineData("leapsmear 3600 cosine", 3_600, LeapSmearShape.Cosine)]
    [InlineData("leapsmear 600 linear", 600, LeapSmearShape.Linear)]
    public void ReadsTheIntervalAndShape(string line, double interval, LeapSmearShape shape)
    {
        Assert.Equal(new LeapSmear(interval, shape), ConfigText.Parse("server 192.0.2.1", line).LeapSmear);
    }

    [Fact]
    public void WarnsLoudly_WhenSmearing()
    {
        MeridianOptions options = ConfigText.Parse("server 192.0.2.1", "leapsmear 86400");

        Assert.Contains(options.Warnings, w => w.Contains(":2: LEAP SMEARING IS ON", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("pool 2.debian.pool.ntp.org iburst")]
    [InlineData("pool pool.ntp.org")]
    [InlineData("pool 0.DE.POOL.NTP.ORG")]
    public void RefusesSmearing_WithAPoolOfTheNtpPoolsZone(string pool)
    {
        ConfigText.ErrorAt(2, "NTP Pool", pool, "leapsmear 86400");
    }

    [Fact]
    public void AllowsSmearing_WithAPrivatePool()
    {
        Assert.NotNull(ConfigText.Parse("pool time.example.internal", "leapsmear 86400").LeapSmear);
    }

    [Fact]
    public void RefusesSmearing_WithTheKernelDiscipline()
    {
        ConfigText.ErrorAt(2, "enable kernel", "server 192.0.2.1", "leapsmear 86400", "enable kernel");
    }

    [Theory]
    [InlineData("leapsmear")]
    [InlineData("leapsmear 60")]
    [InlineData("leapsmear 172800")]
    [InlineData("leapsmear 86400 sine")]
    [InlineData("leapsmear 86400 cosine extra")]
    public void RejectsABadLine_AtItsLine(string line)
    {
        ConfigText.ErrorAt(2, "leapsmear", "server 192.0.2.1", line);
    }
}
