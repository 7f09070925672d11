using Meridian.Commands.Config;
using Meridian.Configuration;

namespace Meridian.Tests.Commands;

public class ConfigCheckCommandTests
{
    private const string Valid = """
        server stratum2-3.NTP.TechFak.Uni-Bielefeld.DE iburst
        restrict default kod nomodify notrap nopeer noquery
        restrict -6 ::1
        driftfile /var/lib/meridian/drift
        local stratum 8
        """;

    [Fact]
    public void PrintsTheEffectiveConfiguration_OfAValidFile()
    {
        using var file = new TempConfigFile(Valid);
        var output = new StringWriter();

        int exit = ConfigCheckCommand.Run(file.Path, output);

        Assert.Equal(0, exit);
        string printed = output.ToString();
        Assert.Contains($"# effective configuration from {file.Path}", printed, StringComparison.Ordinal);
        Assert.Contains("server stratum2-3.NTP.TechFak.Uni-Bielefeld.DE iburst minpoll 6 maxpoll 10", printed, StringComparison.Ordinal);
        Assert.Contains("restrict default kod noquery nomodify notrap nopeer", printed, StringComparison.Ordinal);
        Assert.Contains("restrict -6 ::1/128", printed, StringComparison.Ordinal);
        Assert.Contains("driftfile /var/lib/meridian/drift", printed, StringComparison.Ordinal);
        Assert.Contains("local clock at stratum 8", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePrintedConfiguration_ParsesAgain()
    {
        using var file = new TempConfigFile(Valid);
        var output = new StringWriter();

        ConfigCheckCommand.Run(file.Path, output);
        var reparsed = ConfigParser.Parse(output.ToString(), "printed");

        Assert.Equal("stratum2-3.NTP.TechFak.Uni-Bielefeld.DE", Assert.Single(reparsed.Upstreams).Host);
        Assert.Equal(2, reparsed.Restrictions.Count);
        Assert.Equal(8, reparsed.LocalStratum);
    }

    [Fact]
    public void ThrowsTheParseError_OfAnInvalidFile()
    {
        using var file = new TempConfigFile("server ntp.example.org\nrestrict 10.0.0.1/8\n");

        var e = Assert.Throws<ConfigException>(() => ConfigCheckCommand.Run(file.Path, new StringWriter()));

        Assert.Equal(file.Path, e.File);
        Assert.Equal(2, e.Line);
    }
}
