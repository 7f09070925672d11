using System.Net;
using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

public class InterfaceSelectionTests
{
    private static readonly LocalAddress[] Host =
    [
        new("lo", IPAddress.Parse("127.0.0.1")),
        new("lo", IPAddress.Parse("::1")),
        new("eth0", IPAddress.Parse("192.0.2.10")),
        new("eth0", IPAddress.Parse("2001:db8::10")),
        new("eth1", IPAddress.Parse("198.51.100.7")),
    ];

    [Theory]
    [InlineData(new[] { "interface listen all" }, "0.0.0.0:123 [::]:123")]
    [InlineData(new[] { "interface ignore ipv6" }, "0.0.0.0:123")]
    [InlineData(new[] { "interface ignore wildcard" }, "127.0.0.1:123 192.0.2.10:123 198.51.100.7:123 [::1]:123 [2001:db8::10]:123")]
    [InlineData(new[] { "interface ignore all", "interface listen 127.0.0.1" }, "127.0.0.1:123")]
    [InlineData(new[] { "interface ignore eth1" }, "127.0.0.1:123 192.0.2.10:123 [::]:123")]
    [InlineData(new[] { "interface drop 198.51.100.0/24" }, "127.0.0.1:123 192.0.2.10:123 [::]:123")]
    [InlineData(new[] { "interface ignore all", "interface listen eth0" }, "192.0.2.10:123 [2001:db8::10]:123")]
    [InlineData(new[] { "interface ignore all", "interface listen lo", "interface ignore ::1" }, "127.0.0.1:123")]
    [InlineData(new[] { "interface ignore 2001:db8::/32" }, "0.0.0.0:123 [::1]:123")]
    [InlineData(new[] { "interface listen ipv4", "interface ignore ipv6", "interface listen ipv6" }, "0.0.0.0:123 [::]:123")]
    [InlineData(new[] { "interface ignore all" }, "")]
    public void TheLastMatchingRuleDecides_AndAFamilyWithNothingIgnoredIsServedOnItsWildcard(string[] lines, string expected)
    {
        MeridianOptions options = ConfigText.Parse(lines);

        var listen = InterfaceSelection.Resolve(options.Interfaces, Host, []);

        Assert.Equal(expected, string.Join(' ', listen.Select(ListenAddress.Format)));
    }

    [Fact]
    public void AnExplicitListenWildcard_ThatCannotBeUsed_IsNoted()
    {
        var notes = new List<string>();

        InterfaceSelection.Resolve(ConfigText.Parse("interface listen wildcard", "interface ignore eth1").Interfaces, Host, notes);

        Assert.Contains(notes, n => n.StartsWith("'interface listen wildcard' is not used for IPv4", StringComparison.Ordinal));
    }
}
