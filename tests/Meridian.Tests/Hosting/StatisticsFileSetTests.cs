using Meridian.Configuration;
using Meridian.Hosting;

namespace Meridian.Tests.Hosting;

public sealed class StatisticsFileSetTests : IDisposable
{
    private static readonly DateTime May20 = new(2025, 5, 20, 23, 59, 59, DateTimeKind.Utc);

    private readonly string _dir = Directory.CreateTempSubdirectory("meridian-stats-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(FileGenType.Day, "loopstats.20250520")]
    [InlineData(FileGenType.Week, "loopstats.2025W19")]
    [InlineData(FileGenType.Month, "loopstats.202505")]
    [InlineData(FileGenType.Year, "loopstats.2025")]
    [InlineData(FileGenType.Pid, "loopstats.4242")]
    [InlineData(FileGenType.None, "loopstats")]
    public void NamesTheMember_AsNtpdDoes(FileGenType type, string name)
    {
        using var set = new StatisticsFileSet(_dir, new FileGenOptions("loopstats") { Type = type }, 4242);

        Assert.Equal(Path.Combine(_dir, name), set.PathFor(May20));
    }

    [Fact]
    public void AppendsToTheDaysFile_AndLinksTheSetNameToIt_MovingTheLinkAtMidnight()
    {
        using var set = new StatisticsFileSet(_dir, new FileGenOptions("peerstats") { File = "peers" }, 1);

        set.Append("first", May20);
        set.Append("second", May20);
        set.Flush();
        Assert.Equal("first\nsecond\n", File.ReadAllText(Path.Combine(_dir, "peers.20250520")));
        Assert.Equal("peers.20250520", new FileInfo(Path.Combine(_dir, "peers")).LinkTarget);

        set.Append("third", May20.AddSeconds(1));
        set.Flush();
        Assert.Equal("third\n", File.ReadAllText(Path.Combine(_dir, "peers.20250521")));
        Assert.Equal("peers.20250521", new FileInfo(Path.Combine(_dir, "peers")).LinkTarget);
        Assert.Equal("third\n", File.ReadAllText(Path.Combine(_dir, "peers")));
        Assert.Equal(["peers", "peers.20250520", "peers.20250521"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Nolink_MakesNoLink()
    {
        using var set = new StatisticsFileSet(_dir, new FileGenOptions("loopstats") { Link = false }, 1);

        set.Append("line", May20);
        set.Flush();

        Assert.Equal(["loopstats.20250520"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void ARegularFileWithTheSetsName_IsKeptUnderNtpdsSaveName_NotDeleted()
    {
        File.WriteAllText(Path.Combine(_dir, "loopstats"), "ntpd's data\n");
        using var set = new StatisticsFileSet(_dir, new FileGenOptions("loopstats"), 77);

        set.Append("line", May20);
        set.Flush();

        Assert.Equal("ntpd's data\n", File.ReadAllText(Path.Combine(_dir, "loopstats.77C0")));
        Assert.Equal("loopstats.20250520", new FileInfo(Path.Combine(_dir, "loopstats")).LinkTarget);
    }

    [Fact]
    public void AppendsToAnExistingMember_KeepingItsLines()
    {
        File.WriteAllText(Path.Combine(_dir, "loopstats.20250520"), "earlier\n");
        using var set = new StatisticsFileSet(_dir, new FileGenOptions("loopstats"), 1);

        set.Append("later", May20);
        set.Flush();

        Assert.Equal("earlier\nlater\n", File.ReadAllText(Path.Combine(_dir, "loopstats.20250520")));
    }
}
