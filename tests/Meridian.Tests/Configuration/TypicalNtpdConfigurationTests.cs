using System.Net;
using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

public class TypicalNtpdConfigurationTests
{
    private const RestrictFlags Secured =
        RestrictFlags.Kod | RestrictFlags.NoModify | RestrictFlags.NoTrap | RestrictFlags.NoPeer | RestrictFlags.NoQuery;

    private static readonly MeridianOptions Options = ConfigText.Parse(
        "server stratum2-3.NTP.TechFak.Uni-Bielefeld.DE iburst",
        "restrict default kod nomodify notrap nopeer noquery",
        "restrict -6 default kod nomodify notrap nopeer noquery",
        "restrict 127.0.0.1 mask 255.255.255.255",
        "restrict -6 ::1",
        "driftfile /var/lib/meridian/drift");

    [Fact]
    public void ReadsTheServer_WithIburstAndDefaultPolling()
    {
        UpstreamOptions server = Assert.Single(Options.Upstreams);

        Assert.Equal(UpstreamKind.Server, server.Kind);
        Assert.Equal("stratum2-3.NTP.TechFak.Uni-Bielefeld.DE", server.Host);
        Assert.True(server.Iburst);
        Assert.False(server.Burst);
        Assert.False(server.Prefer);
        Assert.False(server.NoSelect);
        Assert.Equal(123, server.Port);
        Assert.Equal(6, server.MinPoll);
        Assert.Equal(10, server.MaxPoll);
        Assert.Equal(4, server.Version);
    }

    [Fact]
    public void ReadsTheFourRestrictions_InOrder()
    {
        Assert.Collection(
            Options.Restrictions,
            r =>
            {
                Assert.Equal(RestrictTarget.Default, r.Target);
                Assert.Equal(RestrictFamily.Any, r.Family);
                Assert.Null(r.Address);
                Assert.Equal(Secured, r.Flags);
            },
            r =>
            {
                Assert.Equal(RestrictTarget.Default, r.Target);
                Assert.Equal(RestrictFamily.IPv6, r.Family);
                Assert.Null(r.Address);
                Assert.Equal(Secured, r.Flags);
            },
            r =>
            {
                Assert.Equal(RestrictTarget.Network, r.Target);
                Assert.Equal(RestrictFamily.IPv4, r.Family);
                Assert.Equal(IPAddress.Loopback, r.Address);
                Assert.Equal(32, r.PrefixLength);
                Assert.Equal(RestrictFlags.None, r.Flags);
            },
            r =>
            {
                Assert.Equal(RestrictTarget.Network, r.Target);
                Assert.Equal(RestrictFamily.IPv6, r.Family);
                Assert.Equal(IPAddress.IPv6Loopback, r.Address);
                Assert.Equal(128, r.PrefixLength);
                Assert.Equal(RestrictFlags.None, r.Flags);
            });
    }

    [Fact]
    public void ReadsTheDriftFile_AndLeavesTheRestUnset()
    {
        Assert.Equal("/var/lib/meridian/drift", Options.DriftFile);
        Assert.Null(Options.LeapFile);
        Assert.Null(Options.LogFile);
        Assert.Null(Options.ControlSocket);
        Assert.Null(Options.LocalStratum);
        Assert.Null(Options.LocalClockStratum);
        Assert.Empty(Options.Listen);
        Assert.Equal(ConfigText.File, Options.Source);
    }
}
