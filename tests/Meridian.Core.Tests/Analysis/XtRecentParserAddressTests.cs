using Meridian.Core.Analysis;

namespace Meridian.Core.Tests.Analysis;

/// <summary>
/// An xt_recent line is a client only when its <c>src=</c> is an address as the kernel prints it;
/// anything else is a malformed line, not a client named by garbage. Found by <see cref="XtRecentParserFuzzTests"/>.
/// </summary>
public class XtRecentParserAddressTests
{
    private const string Rest = " ttl: 64 last_seen: 1000400 oldest_pkt: 1 1000000, 1000400";

    [Theory]
    [InlineData("203.0.113.5")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:192.0.2.1")]
    public void ALineFromAnAddress_IsAClient(string address)
    {
        var (clients, malformed) = XtRecentParser.Parse(["src=" + address + Rest], 250);

        Assert.Equal(address, Assert.Single(clients).Address);
        Assert.Equal(0, malformed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("203.0.1\uFFFD.5")]
    [InlineData("123")]
    [InlineData("203.0.113.017")]
    [InlineData("2001:DB8::1")]
    [InlineData("fe80::1%eth0")]
    public void ALineFromAnythingElse_IsMalformed(string address)
    {
        var (clients, malformed) = XtRecentParser.Parse(["src=203.0.113.9" + Rest, "src=" + address + Rest], 250);

        Assert.Equal("203.0.113.9", Assert.Single(clients).Address);
        Assert.Equal(1, malformed);
    }
}
