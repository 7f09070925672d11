using System.Net;

namespace Meridian.Tests.Configuration;

public class ListenDirectiveTests
{
    [Theory]
    [InlineData("listen 127.0.0.1:11123", "127.0.0.1", 11123)]
    [InlineData("listen [::1]:123", "::1", 123)]
    [InlineData("listen [2001:db8::5]:4123", "2001:db8::5", 4123)]
    [InlineData("listen 0.0.0.0", "0.0.0.0", 123)]
    [InlineData("listen ::", "::", 123)]
    [InlineData("listen 192.0.2.1:0", "192.0.2.1", 0)]
    [InlineData("listen 192.0.2.1:65535", "192.0.2.1", 65535)]
    public void ReadsAddressAndPort_DefaultingTo123(string line, string address, int port)
    {
        IPEndPoint endPoint = Assert.Single(ConfigText.Parse(line).Listen);

        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), endPoint);
    }

    [Fact]
    public void KeepsEveryListenLine_AndUsesOnlyThem()
    {
        var options = ConfigText.Parse("listen 127.0.0.1:11123", "listen [::1]:11123");

        Assert.Equal(
            [new IPEndPoint(IPAddress.Loopback, 11123), new IPEndPoint(IPAddress.IPv6Loopback, 11123)],
            options.EffectiveListen);
    }

    [Fact]
    public void EffectiveListen_DefaultsToBothWildcardsOnPort123()
    {
        var options = ConfigText.Parse("server ntp.example.org");

        Assert.Empty(options.Listen);
        Assert.Equal(
            [new IPEndPoint(IPAddress.Any, 123), new IPEndPoint(IPAddress.IPv6Any, 123)],
            options.EffectiveListen);
    }

    [Theory]
    [InlineData("localhost:123")]
    [InlineData("127.0.0.1:")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("127.0.0.1:-1")]
    [InlineData("127.0.0.1:ntp")]
    [InlineData("[::1]:")]
    [InlineData("[127.0.0.1]")]
    [InlineData("[::1]:65536")]
    [InlineData("::1]:123")]
    [InlineData(":123")]
    [InlineData("not-an-address")]
    public void RejectsBadForms_NamingTheText(string text)
    {
        ConfigText.ErrorAt(1, $"'{text}'", $"listen {text}");
    }

    [Fact]
    public void RejectsAMissingAddress()
    {
        ConfigText.ErrorAt(1, "'listen'", "listen");
    }

    [Fact]
    public void RejectsTwoAddressesOnOneLine()
    {
        ConfigText.ErrorAt(1, "'[::1]:123'", "listen 127.0.0.1:123 [::1]:123");
    }
}
