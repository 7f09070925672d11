namespace Meridian.Tests.Configuration;

public class UnknownDirectiveTests
{
    [Theory]
    [InlineData("sever ntp.example.org iburst", "sever")]
    [InlineData("Server ntp.example.org", "Server")]
    [InlineData("broadcast 192.0.2.255", "broadcast")]
    [InlineData("keys /etc/ntp.keys", "keys")]
    public void RejectsUnknownDirective_NamingFileAndLine(string line, string directive)
    {
        var e = ConfigText.ErrorAt(3, $"'{directive}'", "server ntp.example.org", "# next line is wrong", line);

        Assert.Contains("unknown directive", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void StopsAtTheFirstBadLine()
    {
        ConfigText.ErrorAt(2, "sever", "driftfile /tmp/drift", "sever a", "sever b");
    }
}
