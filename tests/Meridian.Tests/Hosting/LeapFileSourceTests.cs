using Meridian.Core.Leap;
using Meridian.Hosting;

namespace Meridian.Tests.Hosting;

public sealed class LeapFileSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meridian-leap-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(Architecture.RepositoryRoot.Find(), "tests", "fixtures", "leap", name));

    private string Write(string text)
    {
        string path = Path.Combine(_dir, "leap-seconds.list");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void LoadsAValidFile_WithoutAWarning()
    {
        var warnings = new List<string>();

        LeapFile? file = LeapFileSource.Load(Write(Fixture("valid.list")), warnings.Add);

        Assert.True(file!.IsUsable);
        Assert.Empty(warnings);
    }

    [Fact]
    public void WarnsWithFileAndLine_ForEachDamagedLine()
    {
        var warnings = new List<string>();
        string path = Write(Fixture("damaged.list"));

        LeapFile? file = LeapFileSource.Load(path, warnings.Add);

        Assert.False(file!.IsUsable);
        Assert.Contains(warnings, w => w.StartsWith($"{path}:7: ", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith($"{path}:12: ", StringComparison.Ordinal));
    }

    [Fact]
    public void WarnsAndKeepsTheFileForStatus_WhenTheHashDoesNotMatch()
    {
        var warnings = new List<string>();
        string path = Write(Fixture("bad-hash.list"));

        LeapFile? file = LeapFileSource.Load(path, warnings.Add);

        Assert.Equal(LeapHashCheck.Mismatch, file!.Hash);
        Assert.Contains(warnings, w => w.StartsWith($"{path}: ", StringComparison.Ordinal) && w.Contains("SHA-1", StringComparison.Ordinal));
    }

    [Fact]
    public void WarnsAndGoesOn_WhenTheFileIsMissing()
    {
        var warnings = new List<string>();
        string path = Path.Combine(_dir, "missing.list");

        Assert.Null(LeapFileSource.Load(path, warnings.Add));
        Assert.Single(warnings, w => w.StartsWith($"{path}: ", StringComparison.Ordinal));
    }

    [Fact]
    public void PrefersTheConfiguredFile_OverTzdatas()
    {
        var options = Configuration.ConfigText.Parse("leapfile /etc/meridian/leap-seconds.list");

        Assert.Equal("/etc/meridian/leap-seconds.list", LeapFileSource.PathFor(options));
    }
}
