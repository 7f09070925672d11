using Meridian.Configuration;
using Meridian.Tests.Architecture;

namespace Meridian.Tests.Configuration;

/// <summary>Debian's own ntp.conf files (tests/fixtures/ntp.conf) are read unchanged.</summary>
public class StockNtpConfTests
{
    public static TheoryData<string> Files() => new() { "debian-ntp-4.2.8p15.conf", "debian-ntpsec-1.2.2.conf" };

    public static string PathOf(string name) => Path.Combine(RepositoryRoot.Find(), "tests", "fixtures", "ntp.conf", name);

    [Theory]
    [MemberData(nameof(Files))]
    public void ReadsTheFourDebianPools_TheRestrictionsAndTheFiles(string name)
    {
        MeridianOptions options = ConfigLoader.LoadFile(PathOf(name));

        Assert.Equal(["0.debian.pool.ntp.org", "1.debian.pool.ntp.org", "2.debian.pool.ntp.org", "3.debian.pool.ntp.org"], options.Upstreams.Select(u => u.Host));
        Assert.All(options.Upstreams, u => Assert.Equal(UpstreamKind.Pool, u.Kind));
        Assert.Contains(options.Restrictions, r => r.Target == RestrictTarget.Default && r.Flags.HasFlag(RestrictFlags.Limited));
        Assert.Equal("/usr/share/zoneinfo/leap-seconds.list", options.LeapFile);
        Assert.NotNull(options.DriftFile);
    }

    [Fact]
    public void TheClassicFile_EnablesLoopAndPeerStatistics_AndWarnsThatWithoutStatsdirNoneAreWritten()
    {
        MeridianOptions options = ConfigLoader.LoadFile(PathOf("debian-ntp-4.2.8p15.conf"));

        Assert.Null(options.StatsDir);
        Assert.All(options.FileGens, f => Assert.True(f.Enabled && f.Type == FileGenType.Day && f.File == f.Name));
        Assert.Equal(["loopstats", "peerstats", "clockstats"], options.FileGens.Select(f => f.Name));
        Assert.Contains(options.Warnings, w => w.Contains(":11: statistics set 'clockstats' is accepted but not written", StringComparison.Ordinal));
        Assert.Contains(options.Warnings, w => w.Contains(":11: statistics are enabled but no 'statsdir' is set", StringComparison.Ordinal));
    }

    [Fact]
    public void TheNtpsecFile_HasNoWarnings()
    {
        Assert.Empty(ConfigLoader.LoadFile(PathOf("debian-ntpsec-1.2.2.conf")).Warnings);
    }

    [Fact]
    public void TheNtpsecFile_WithItsStatisticsLinesUncommented_WritesLoopAndPeerStats()
    {
        string text = File.ReadAllText(PathOf("debian-ntpsec-1.2.2.conf"));
        string enabled = string.Join('\n', text.Split('\n').Select(l => l.StartsWith("#statsdir", StringComparison.Ordinal) || l.StartsWith("#statistics", StringComparison.Ordinal) || l.StartsWith("#filegen", StringComparison.Ordinal) ? l[1..] : l));

        MeridianOptions options = ConfigParser.Parse(enabled, "ntpsec.conf");

        Assert.Equal("/var/log/ntpsec/", options.StatsDir);
        Assert.Equal(["loopstats", "peerstats"], options.FileGens.Where(f => f.Enabled && f.IsWritten).Select(f => f.Name));
        Assert.Single(options.Warnings, w => w.Contains("'clockstats' is accepted but not written", StringComparison.Ordinal));
    }
}
