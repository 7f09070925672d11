namespace Meridian.Configuration;

/// <summary>Reads a configuration file, or the built-in defaults when no file is given.</summary>
public static class ConfigLoader
{
    public static MeridianOptions Load(string? file) => file is null ? DefaultConfiguration.Load() : LoadFile(file);

    public static MeridianOptions LoadFile(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(file, 0, $"cannot read: {e.Message}");
        }

        return ConfigParser.Parse(text, file);
    }
}
