using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

public class StatisticsDirectiveTests
{
    [Fact]
    public void ReadsStatsdirStatisticsAndFilegen()
    {
        MeridianOptions options = ConfigText.Parse(
            "statsdir /var/log/ntpstats/",
            "statistics loopstats peerstats",
            "filegen loopstats file loops type week nolink enable",
            "filegen peerstats file peerstats type day link disable");

        Assert.Equal("/var/log/ntpstats/", options.StatsDir);
        FileGenOptions loop = options.FileGens[0];
        Assert.Equal(("loopstats", "loops", FileGenType.Week, false, true), (loop.Name, loop.File, loop.Type, loop.Link, loop.Enabled));
        FileGenOptions peer = options.FileGens[1];
        Assert.Equal(("peerstats", "peerstats", FileGenType.Day, true, false), (peer.Name, peer.File, peer.Type, peer.Link, peer.Enabled));
        Assert.Empty(options.Warnings);
    }

    [Fact]
    public void AFilegenAlone_EnablesTheSet_WithNtpdsDefaults()
    {
        FileGenOptions set = Assert.Single(ConfigText.Parse("statsdir /tmp/s", "filegen peerstats enable").FileGens);

        Assert.Equal(("peerstats", FileGenType.Day, true, true), (set.File, set.Type, set.Link, set.Enabled));
    }

    [Fact]
    public void AFilegenWithoutEnable_DoesNotEnableTheSet()
    {
        Assert.False(Assert.Single(ConfigText.Parse("statsdir /tmp/s", "filegen loopstats file loopstats type day").FileGens).Enabled);
    }

    [Theory]
    [InlineData("statistics loopstatz", "unknown statistics set 'loopstatz'")]
    [InlineData("filegen loopstats file ../../etc/passwd", "must be a file name inside 'statsdir'")]
    [InlineData("filegen loopstats type hourly", "unknown file set type 'hourly'")]
    [InlineData("filegen loopstats frob", "unknown 'filegen' option 'frob'")]
    [InlineData("statsdir", "'statsdir' needs a directory path")]
    public void BadStatisticsLines_AreErrors(string line, string reason)
    {
        ConfigText.ErrorAt(1, reason, line);
    }

    [Fact]
    public void TypeAge_IsReadAsDay_WithAWarning()
    {
        MeridianOptions options = ConfigText.Parse("statsdir /tmp/s", "filegen loopstats type age enable");

        Assert.Equal(FileGenType.Day, options.FileGens[0].Type);
        Assert.Contains(options.Warnings, w => w.StartsWith($"{ConfigText.File}:2: 'type age' is not supported", StringComparison.Ordinal));
    }

    [Fact]
    public void SetsMeridianDoesNotWrite_GetOneWarningEach()
    {
        MeridianOptions options = ConfigText.Parse("statsdir /tmp/s", "statistics clockstats sysstats loopstats", "filegen clockstats file clockstats type day enable");

        Assert.Equal(2, options.Warnings.Count);
        Assert.Contains("'clockstats' is accepted but not written", options.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("'sysstats' is accepted but not written", options.Warnings[1], StringComparison.Ordinal);
    }
}
