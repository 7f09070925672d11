using Meridian.Configuration;
using Meridian.Tests.Architecture;

namespace Meridian.Tests.Configuration;

/// <summary>The package's conffile is the built-in configuration, with comments: they cannot drift apart.</summary>
public class PackagedConfigurationTests
{
    [Fact]
    public void TheConffile_MeansTheBuiltInDefaults()
    {
        string path = Path.Combine(RepositoryRoot.Find(), "packaging", "meridian.conf");
        MeridianOptions packaged = ConfigParser.Parse(File.ReadAllText(path), path);

        Assert.Equal(Effective(DefaultConfiguration.Load()), Effective(packaged));
    }

    /// <summary>The effective configuration without its first line, which names the source.</summary>
    private static string Effective(MeridianOptions options) => ConfigWriter.Write(options).Split('\n', 2)[1];
}
