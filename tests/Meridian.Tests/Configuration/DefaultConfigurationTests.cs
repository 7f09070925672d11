using System.Net;
using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

public class DefaultConfigurationTests
{
    private static readonly MeridianOptions Options = DefaultConfiguration.Load();

    [Fact]
    public void Parses_WithItsNameAsSource()
    {
        Assert.Equal(DefaultConfiguration.Name, Options.Source);
        Assert.Equal(DefaultConfiguration.Name, ConfigLoader.Load(null).Source);
    }

    [Fact]
    public void UsesAPool_WithIburst()
    {
        UpstreamOptions pool = Assert.Single(Options.Upstreams);

        Assert.Equal(UpstreamKind.Pool, pool.Kind);
        Assert.Equal("pool.ntp.org", pool.Host);
        Assert.True(pool.Iburst);
    }

    [Fact]
    public void RestrictsEveryone_ToRateLimitedTimeService()
    {
        RestrictOptions restrict = Assert.Single(Options.Restrictions, r => r.Target == RestrictTarget.Default);

        Assert.Equal(RestrictFamily.Any, restrict.Family);
        Assert.Equal(
            RestrictFlags.Kod | RestrictFlags.Limited | RestrictFlags.NoModify | RestrictFlags.NoTrap | RestrictFlags.NoPeer | RestrictFlags.NoQuery,
            restrict.Flags);
    }

    [Theory]
    [InlineData("127.0.0.1", 32)]
    [InlineData("::1", 128)]
    public void LiftsRestrictions_ForLoopback(string address, int prefix)
    {
        RestrictOptions restrict = Assert.Single(Options.Restrictions, r => IPAddress.Parse(address).Equals(r.Address));

        Assert.Equal(RestrictTarget.Network, restrict.Target);
        Assert.Equal(prefix, restrict.PrefixLength);
        Assert.Equal(RestrictFlags.None, restrict.Flags);
    }

    [Fact]
    public void ListensOnTheDefaults_AndServesNotSynchronized()
    {
        Assert.Equal(MeridianOptions.DefaultListen, Options.EffectiveListen);
        Assert.Null(Options.LocalClockStratum);
        Assert.Equal("/var/lib/meridian/drift", Options.DriftFile);
    }
}
