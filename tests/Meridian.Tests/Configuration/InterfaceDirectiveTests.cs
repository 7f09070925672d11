using System.Net;
using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

public class InterfaceDirectiveTests
{
    [Theory]
    [InlineData("interface listen 192.0.2.1", InterfaceAction.Listen, InterfaceMatch.Network, "192.0.2.1", 32)]
    [InlineData("interface ignore 2001:db8::/32", InterfaceAction.Ignore, InterfaceMatch.Network, "2001:db8::", 32)]
    [InlineData("interface drop 10.0.0.0/8", InterfaceAction.Drop, InterfaceMatch.Network, "10.0.0.0", 8)]
    [InlineData("interface ignore wildcard", InterfaceAction.Ignore, InterfaceMatch.Wildcard, null, 0)]
    [InlineData("interface ignore all", InterfaceAction.Ignore, InterfaceMatch.All, null, 0)]
    [InlineData("interface listen ipv4", InterfaceAction.Listen, InterfaceMatch.IPv4, null, 0)]
    [InlineData("interface ignore ipv6", InterfaceAction.Ignore, InterfaceMatch.IPv6, null, 0)]
    [InlineData("nic listen lo", InterfaceAction.Listen, InterfaceMatch.Name, null, 0)]
    public void ReadsNtpdsInterfaceForms(string line, InterfaceAction action, InterfaceMatch match, string? address, int prefix)
    {
        InterfaceRule rule = Assert.Single(ConfigText.Parse(line).Interfaces);

        Assert.Equal(action, rule.Action);
        Assert.Equal(match, rule.Match);
        Assert.Equal(address is null ? null : IPAddress.Parse(address), rule.Address);
        Assert.Equal(prefix, rule.PrefixLength);
        Assert.Equal(match == InterfaceMatch.Name ? "lo" : null, rule.Name);
    }

    [Theory]
    [InlineData("interface listen", "needs")]
    [InlineData("interface open 192.0.2.1", "needs 'listen', 'ignore' or 'drop'")]
    [InlineData("interface listen 192.0.2.1/33", "prefix length")]
    [InlineData("interface listen 192.0.2.1 extra", "unexpected 'extra'")]
    [InlineData("interface listen 10.1", "is not 'all'")]
    public void BadInterfaceLines_AreErrors(string line, string reason)
    {
        ConfigText.ErrorAt(1, reason, line);
    }

    [Fact]
    public void InterfaceAndListenLines_CannotBeCombined()
    {
        ConfigText.ErrorAt(2, "cannot be combined ('listen' at /etc/meridian/test.conf:1)", "listen 127.0.0.1:1123", "interface listen 127.0.0.1");
    }
}
