using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

/// <summary>Parses configuration text under a fixed file name, joining lines with '\n'.</summary>
internal static class ConfigText
{
    public const string File = "/etc/meridian/test.conf";

    public static MeridianOptions Parse(params string[] lines) => ConfigParser.Parse(string.Join('\n', lines), File);

    public static ConfigException Error(params string[] lines) =>
        Assert.Throws<ConfigException>(() => Parse(lines));

    /// <summary>Asserts the text fails on <paramref name="line"/> with a reason naming <paramref name="token"/>.</summary>
    public static ConfigException ErrorAt(int line, string token, params string[] lines)
    {
        ConfigException e = Error(lines);
        Assert.Equal(File, e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(token, e.Reason, StringComparison.Ordinal);
        Assert.Equal($"{File}:{line}: {e.Reason}", e.Message);
        return e;
    }
}
