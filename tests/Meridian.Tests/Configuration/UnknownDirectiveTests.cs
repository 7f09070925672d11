namespace Meridian.Tests.Configuration;

public class UnknownDirectiveTests
{
    [Theory]
    [InlineData("sever ntp.example.org iburst", "sever")]
    [InlineData("Server ntp.example.org", "Server")]
    [InlineData("frobnicate 192.0.2.255", "frobnicate")]
    public void RejectsUnknownDirective_NamingFileAndLine(string line, string directive)
    {
        var e = ConfigText.ErrorAt(3, $"'{directive}'", "server ntp.example.org", "# next line is wrong", line);

        Assert.Contains("unknown directive", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sever ntp.example.org", "server")]
    [InlineData("Server ntp.example.org", "server")]
    [InlineData("restirct default", "restrict")]
    [InlineData("driftfil /var/lib/ntp/drift", "driftfile")]
    [InlineData("statdir /var/log/ntpstats", "statsdir")]
    [InlineData("broadcst 192.0.2.255", "broadcast")]
    [InlineData("trustedkeys 1", "trustedkey")]
    [InlineData("includfile /etc/ntp.d", "includefile")]
    public void SuggestsTheNearestKnownDirective(string line, string suggestion)
    {
        var e = ConfigText.ErrorAt(1, "unknown directive", line);

        Assert.EndsWith($"(did you mean '{suggestion}'?)", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SuggestsNothing_WhenNoDirectiveIsNear()
    {
        var e = ConfigText.ErrorAt(1, "unknown directive 'frobnicate'", "frobnicate 1");

        Assert.DoesNotContain("did you mean", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsEveryBadLine_NotOnlyTheFirst()
    {
        var e = ConfigText.Error("driftfile /tmp/drift", "sever a", "server ntp.example.org minpoll 99", "restrict default frob", "sever b");

        Assert.Equal([2, 3, 4, 5], e.Errors.Select(x => x.Line));
        Assert.All(e.Errors, x => Assert.Equal(ConfigText.File, x.File));
        Assert.Equal(2, e.Line);
        Assert.Equal(string.Join('\n', e.Errors.Select(x => x.Message)), e.Message);
    }
}
