using System.Net;
using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

public class RestrictTargetTests
{
    private static RestrictOptions Single(string line) => Assert.Single(ConfigText.Parse(line).Restrictions);

    [Theory]
    [InlineData("restrict default", RestrictFamily.Any)]
    [InlineData("restrict -4 default", RestrictFamily.IPv4)]
    [InlineData("restrict -6 default", RestrictFamily.IPv6)]
    public void ReadsDefault_WithItsFamily(string line, RestrictFamily family)
    {
        RestrictOptions r = Single(line);

        Assert.Equal(RestrictTarget.Default, r.Target);
        Assert.Equal(family, r.Family);
        Assert.Null(r.Address);
        Assert.Equal(RestrictFlags.None, r.Flags);
    }

    [Theory]
    [InlineData("restrict source", RestrictFamily.Any)]
    [InlineData("restrict -6 source", RestrictFamily.IPv6)]
    public void ReadsSource_AsTheConfiguredUpstreams(string line, RestrictFamily family)
    {
        RestrictOptions r = Single(line + " nomodify");

        Assert.Equal(RestrictTarget.Source, r.Target);
        Assert.Equal(family, r.Family);
        Assert.Equal(RestrictFlags.NoModify, r.Flags);
    }

    [Theory]
    [InlineData("restrict 192.0.2.7", "192.0.2.7", RestrictFamily.IPv4, 32)]
    [InlineData("restrict -4 192.0.2.7", "192.0.2.7", RestrictFamily.IPv4, 32)]
    [InlineData("restrict 2001:db8::7", "2001:db8::7", RestrictFamily.IPv6, 128)]
    [InlineData("restrict -6 ::1", "::1", RestrictFamily.IPv6, 128)]
    public void AnAddressWithoutAMask_IsThatSingleHost(string line, string address, RestrictFamily family, int prefix)
    {
        RestrictOptions r = Single(line);

        Assert.Equal(RestrictTarget.Network, r.Target);
        Assert.Equal(IPAddress.Parse(address), r.Address);
        Assert.Equal(family, r.Family);
        Assert.Equal(prefix, r.PrefixLength);
    }

    [Theory]
    [InlineData("restrict 127.0.0.1 mask 255.255.255.255", "127.0.0.1", 32)]
    [InlineData("restrict 192.168.1.0 mask 255.255.255.0", "192.168.1.0", 24)]
    [InlineData("restrict 172.16.0.0 mask 255.240.0.0", "172.16.0.0", 12)]
    [InlineData("restrict 10.0.0.0 mask 255.0.0.0", "10.0.0.0", 8)]
    [InlineData("restrict 0.0.0.0 mask 0.0.0.0", "0.0.0.0", 0)]
    [InlineData("restrict 2001:db8:: mask ffff:ffff::", "2001:db8::", 32)]
    [InlineData("restrict -6 fe80:: mask ffc0::", "fe80::", 10)]
    public void AMask_BecomesAPrefixLength(string line, string address, int prefix)
    {
        RestrictOptions r = Single(line);

        Assert.Equal(IPAddress.Parse(address), r.Address);
        Assert.Equal(prefix, r.PrefixLength);
    }

    [Theory]
    [InlineData("restrict 10.0.0.0/8", "10.0.0.0", 8)]
    [InlineData("restrict 192.0.2.128/25", "192.0.2.128", 25)]
    [InlineData("restrict 0.0.0.0/0", "0.0.0.0", 0)]
    [InlineData("restrict 2001:db8::/32", "2001:db8::", 32)]
    [InlineData("restrict -6 ::1/128", "::1", 128)]
    public void ReadsCidrNotation(string line, string address, int prefix)
    {
        RestrictOptions r = Single(line);

        Assert.Equal(RestrictTarget.Network, r.Target);
        Assert.Equal(IPAddress.Parse(address), r.Address);
        Assert.Equal(prefix, r.PrefixLength);
    }

    [Fact]
    public void CombinesEveryFlag()
    {
        RestrictOptions r = Single(
            "restrict default ignore noserve limited kod noquery nomodify notrap nopeer notrust nomrulist noepeer ntpport version lowpriotrap");

        Assert.Equal((RestrictFlags)((1 << 14) - 1), r.Flags);
    }

    [Theory]
    [InlineData("ignore", RestrictFlags.Ignore)]
    [InlineData("noserve", RestrictFlags.NoServe)]
    [InlineData("limited", RestrictFlags.Limited)]
    [InlineData("kod", RestrictFlags.Kod)]
    [InlineData("noquery", RestrictFlags.NoQuery)]
    [InlineData("nomodify", RestrictFlags.NoModify)]
    [InlineData("notrap", RestrictFlags.NoTrap)]
    [InlineData("nopeer", RestrictFlags.NoPeer)]
    [InlineData("notrust", RestrictFlags.NoTrust)]
    [InlineData("nomrulist", RestrictFlags.NoMruList)]
    [InlineData("noepeer", RestrictFlags.NoEpeer)]
    [InlineData("ntpport", RestrictFlags.NtpPort)]
    [InlineData("version", RestrictFlags.Version)]
    [InlineData("lowpriotrap", RestrictFlags.LowPrioTrap)]
    public void ReadsEachFlag_AfterAnAddressAndMask(string flag, RestrictFlags value)
    {
        Assert.Equal(value, Single($"restrict 10.0.0.0 mask 255.0.0.0 {flag}").Flags);
    }
}
