using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

public class ConfigLoaderTests
{
    [Fact]
    public void LoadFile_OnAMissingFile_ThrowsNamingTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"meridian-missing-{Guid.NewGuid():N}.conf");

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));

        Assert.Equal(path, e.File);
        Assert.Equal(0, e.Line);
        Assert.StartsWith($"{path}:0: cannot read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_ReadsTheFile_AndNamesItAsSourceAndInErrors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"meridian-loader-{Guid.NewGuid():N}.conf");
        try
        {
            File.WriteAllText(path, "server ntp.example.org iburst\n");
            Assert.Equal("ntp.example.org", Assert.Single(ConfigLoader.Load(path).Upstreams).Host);
            Assert.Equal(path, ConfigLoader.LoadFile(path).Source);

            File.WriteAllText(path, "# ok\nsever ntp.example.org\n");
            var e = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));
            Assert.Equal(path, e.File);
            Assert.Equal(2, e.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
