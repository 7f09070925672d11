using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

public sealed class IncludeFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meridian-include-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SplicesTheIncludedFile_AtTheIncludeLine_RelativeToTheIncludingFile()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "conf.d"));
        string main = Write("ntp.conf", "server a.example.org\nincludefile conf.d/servers.conf\nserver c.example.org\n");
        Write("conf.d/servers.conf", "server b.example.org\nincludefile ../more.conf\n");
        Write("more.conf", "restrict 192.0.2.1\n");

        MeridianOptions options = ConfigLoader.LoadFile(main);

        Assert.Equal(["a.example.org", "b.example.org", "c.example.org"], options.Upstreams.Select(u => u.Host));
        Assert.Single(options.Restrictions);
    }

    [Fact]
    public void ADirectory_IncludesItsConfFiles_InNameOrder()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "ntp.d"));
        string main = Write("ntp.conf", "includefile ntp.d\n");
        Write("ntp.d/20-b.conf", "server b.example.org\n");
        Write("ntp.d/10-a.conf", "server a.example.org\n");
        Write("ntp.d/README", "not a configuration file\n");

        Assert.Equal(["a.example.org", "b.example.org"], ConfigLoader.LoadFile(main).Upstreams.Select(u => u.Host));
    }

    [Fact]
    public void ErrorsInAnIncludedFile_NameThatFileAndLine_AndAllErrorsAreReported()
    {
        string main = Write("ntp.conf", "sever a\nincludefile inc.conf\nsever c\n");
        string inc = Write("inc.conf", "# comment\nsever b\n");

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(main));

        Assert.Equal([$"{main}:1", $"{inc}:2", $"{main}:3"], e.Errors.Select(x => $"{x.File}:{x.Line}"));
    }

    [Fact]
    public void ALoop_IsRefused_AtTheIncludeLine()
    {
        string main = Write("a.conf", "server a.example.org\nincludefile b.conf\n");
        string b = Write("b.conf", "\n\nincludefile a.conf\n");

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(main));

        ConfigException loop = Assert.Single(e.Errors);
        Assert.Equal(b, loop.File);
        Assert.Equal(3, loop.Line);
        Assert.Contains("is a loop", loop.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileIncludingItself_IsALoop()
    {
        string main = Write("a.conf", "includefile a.conf\n");

        Assert.Contains("is a loop", Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(main)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingDeeperThanFiveLevels_IsRefused()
    {
        string main = Write("0.conf", "includefile 1.conf\n");
        for (int i = 1; i <= 6; i++)
        {
            Write($"{i}.conf", $"server s{i}.example.org\nincludefile {i + 1}.conf\n");
        }

        Write("7.conf", "server s7.example.org\n");

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(main));

        ConfigException deep = Assert.Single(e.Errors);
        Assert.Equal(Path.Combine(_dir, "5.conf"), deep.File);
        Assert.Contains("deeper than 5 levels", deep.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FiveLevels_AreAllowed()
    {
        string main = Write("0.conf", "includefile 1.conf\n");
        for (int i = 1; i <= 4; i++)
        {
            Write($"{i}.conf", $"includefile {i + 1}.conf\n");
        }

        Write("5.conf", "server deep.example.org\n");

        Assert.Equal("deep.example.org", Assert.Single(ConfigLoader.LoadFile(main).Upstreams).Host);
    }

    [Fact]
    public void AMissingIncludedFile_IsAnErrorAtTheIncludeLine()
    {
        string main = Write("a.conf", "server a.example.org\nincludefile missing.conf\n");

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(main));

        Assert.Equal(2, e.Line);
        Assert.Contains("cannot read", e.Reason, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
