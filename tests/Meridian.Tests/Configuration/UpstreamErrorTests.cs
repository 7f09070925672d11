namespace Meridian.Tests.Configuration;

public class UpstreamErrorTests
{
    [Theory]
    [InlineData("server ntp.example.org iburts", "iburts")]
    [InlineData("server ntp.example.org key 5", "key")]
    [InlineData("pool pool.ntp.org preempt", "preempt")]
    public void RejectsUnknownOption_NamingFileLineAndOption(string line, string token)
    {
        ConfigText.ErrorAt(2, token, "# upstreams", line);
    }

    [Fact]
    public void RejectsNtsport_WithoutNts()
    {
        ConfigText.ErrorAt(1, "ntsport needs the nts option", "server ntp.example.org ntsport 4461");
    }

    [Fact]
    public void RejectsMinPollAboveMaxPoll_NamingBoth()
    {
        var e = ConfigText.ErrorAt(1, "minpoll 8", "server ntp.example.org minpoll 8 maxpoll 7");

        Assert.Contains("maxpoll 7", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsMinPollAboveTheDefaultMaxPoll()
    {
        ConfigText.ErrorAt(1, "minpoll 11", "server ntp.example.org minpoll 11");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("-1")]
    [InlineData("ntp")]
    public void RejectsPortsOutsideOneTo65535(string port)
    {
        ConfigText.ErrorAt(1, $"'{port}'", $"server ntp.example.org port {port}");
    }

    [Theory]
    [InlineData("minpoll 2")]
    [InlineData("maxpoll 18")]
    [InlineData("version 5")]
    [InlineData("version 0")]
    public void RejectsOutOfRangeNumericOptions(string option)
    {
        string[] parts = option.Split(' ');

        var e = ConfigText.ErrorAt(1, $"'{parts[1]}'", $"server ntp.example.org {option}");

        Assert.Contains($"'{parts[0]}'", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsANumericOptionWithoutItsValue()
    {
        ConfigText.ErrorAt(1, "'minpoll'", "server ntp.example.org iburst minpoll");
    }

    [Theory]
    [InlineData("ntp_1.example.org")]
    [InlineData("-ntp.example.org")]
    [InlineData("ntp-.example.org")]
    [InlineData("ntp..example.org")]
    [InlineData("ntp.example.org/24")]
    [InlineData("höst.example.org")]
    public void RejectsBadHostNames(string host)
    {
        ConfigText.ErrorAt(1, $"'{host}'", $"server {host} iburst");
    }

    [Fact]
    public void RejectsAHostNameLongerThan253Characters()
    {
        string host = string.Join('.', Enumerable.Repeat(new string('a', 63), 4)); // 255 characters

        ConfigText.ErrorAt(1, host, $"pool {host}");
    }

    [Theory]
    [InlineData("server")]
    [InlineData("pool")]
    public void RejectsAMissingHost_NamingTheDirective(string directive)
    {
        var e = ConfigText.ErrorAt(3, $"'{directive}'", "", "", directive);

        Assert.Contains("host", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsPeer_AsUnsupported()
    {
        ConfigText.ErrorAt(1, "'peer'", "peer 192.0.2.7");
    }

    [Fact]
    public void RejectsMaxSources_OnAServerLine()
    {
        var e = ConfigText.ErrorAt(1, "'maxsources'", "server ntp.example.org maxsources 4");

        Assert.Contains("'server'", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("17")]
    public void RejectsMaxSourcesOutsideOneTo16(string value)
    {
        ConfigText.ErrorAt(1, $"'{value}'", $"pool pool.ntp.org maxsources {value}");
    }
}
