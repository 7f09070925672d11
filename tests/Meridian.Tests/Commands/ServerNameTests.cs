using Meridian.Commands.Query;

namespace Meridian.Tests.Commands;

public class ServerNameTests
{
    [Theory]
    [InlineData("pool.ntp.org", "pool.ntp.org", 123)]
    [InlineData("time.example.net:4123", "time.example.net", 4123)]
    [InlineData("192.0.2.1", "192.0.2.1", 123)]
    [InlineData("192.0.2.1:1234", "192.0.2.1", 1234)]
    [InlineData("[2001:db8::1]", "2001:db8::1", 123)]
    [InlineData("[2001:db8::1]:1234", "2001:db8::1", 1234)]
    [InlineData("2001:db8::1", "2001:db8::1", 123)]
    public void Parses_NamesAddressesAndPorts(string text, string host, int port)
    {
        Assert.True(ServerName.TryParse(text, out ServerName name));
        Assert.Equal(new ServerName(host, port), name);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":123")]
    [InlineData("[2001:db8::1")]
    [InlineData("[192.0.2.1]:123")]
    [InlineData("[2001:db8::1]123")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("host:-1")]
    [InlineData("host name")]
    [InlineData("10.1")]
    public void Rejects_BadSyntax(string text)
    {
        Assert.False(ServerName.TryParse(text, out _));
    }

    [Theory]
    [InlineData("query", "[::1")]
    [InlineData("monitor", "host:0")]
    public void Commands_ExitWithUsageError_ForABadHost(string command, string host)
    {
        Assert.Equal(2, Program.Main([command, host]));
    }

    [Theory]
    [InlineData("query", "127.0.0.1", "--count", "0")]
    [InlineData("query", "127.0.0.1", "--timeout", "0")]
    [InlineData("monitor", "127.0.0.1", "--checks", "0")]
    [InlineData("monitor", "127.0.0.1", "--reference", "[::1")]
    public void Commands_ExitWithUsageError_ForAnOutOfRangeOption(params string[] arguments)
    {
        Assert.Equal(2, Program.Main(arguments));
    }

    [Fact]
    public void Resolve_GivesTheLiteralAddress_WithoutDns()
    {
        Assert.True(ServerName.TryParse("[::1]:999", out ServerName name));
        Assert.Equal("[::1]:999", Assert.Single(name.Resolve()).ToString());
    }
}
