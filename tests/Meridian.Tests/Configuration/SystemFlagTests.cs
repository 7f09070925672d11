namespace Meridian.Tests.Configuration;

public class SystemFlagTests
{
    [Fact]
    public void ReadsEnableAndDisable_IntoSeparateSets()
    {
        var options = ConfigText.Parse("enable stats monitor", "disable auth kernel", "enable ntp");

        Assert.Equal(["monitor", "ntp", "stats"], options.Enable);
        Assert.Equal(["auth", "kernel"], options.Disable);
    }

    [Theory]
    [InlineData("auth")]
    [InlineData("bclient")]
    [InlineData("calibrate")]
    [InlineData("kernel")]
    [InlineData("mode7")]
    [InlineData("monitor")]
    [InlineData("ntp")]
    [InlineData("pps")]
    [InlineData("stats")]
    public void AcceptsEachNtpdSystemFlag(string flag)
    {
        Assert.Equal([flag], ConfigText.Parse($"disable {flag}").Disable);
    }

    [Theory]
    [InlineData("enable monitor turbo", "turbo")]
    [InlineData("disable Auth", "Auth")]
    public void RejectsAnUnknownFlag_NamingIt(string line, string flag)
    {
        ConfigText.ErrorAt(1, $"'{flag}'", line);
    }

    [Theory]
    [InlineData("enable")]
    [InlineData("disable")]
    public void RejectsAMissingFlag(string directive)
    {
        ConfigText.ErrorAt(1, $"'{directive}'", directive);
    }
}
