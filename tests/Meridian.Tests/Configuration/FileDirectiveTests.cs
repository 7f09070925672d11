namespace Meridian.Tests.Configuration;

public class FileDirectiveTests
{
    [Fact]
    public void ReadsEachPathDirective_IntoItsOwnOption()
    {
        var options = ConfigText.Parse(
            "driftfile /var/lib/meridian/drift",
            "leapfile /usr/share/zoneinfo/leap-seconds.list",
            "logfile /var/log/meridian.log",
            "controlsocket /run/meridian/control.sock");

        Assert.Equal("/var/lib/meridian/drift", options.DriftFile);
        Assert.Equal("/usr/share/zoneinfo/leap-seconds.list", options.LeapFile);
        Assert.Equal("/var/log/meridian.log", options.LogFile);
        Assert.Equal("/run/meridian/control.sock", options.ControlSocket);
    }

    [Fact]
    public void ALaterLine_ReplacesAnEarlierOne()
    {
        Assert.Equal("/b", ConfigText.Parse("driftfile /a", "driftfile /b").DriftFile);
    }

    [Theory]
    [InlineData("driftfile")]
    [InlineData("leapfile")]
    [InlineData("logfile")]
    [InlineData("controlsocket")]
    public void RejectsAMissingPath_NamingTheDirective(string directive)
    {
        ConfigText.ErrorAt(2, $"'{directive}'", "", directive);
    }

    [Theory]
    [InlineData("driftfile")]
    [InlineData("leapfile")]
    [InlineData("logfile")]
    [InlineData("controlsocket")]
    public void RejectsASecondArgument_NamingIt(string directive)
    {
        var e = ConfigText.ErrorAt(1, "'/second'", $"{directive} /first /second");

        Assert.Contains($"'{directive}'", e.Reason, StringComparison.Ordinal);
    }
}
