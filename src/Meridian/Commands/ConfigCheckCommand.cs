using Meridian.Configuration;

namespace Meridian.Commands;

/// <summary><c>meridian config check FILE</c>: validates a file and prints the effective configuration.</summary>
public static class ConfigCheckCommand
{
    public static int Run(string file, TextWriter output)
    {
        MeridianOptions options = ConfigLoader.LoadFile(file);
        output.Write(ConfigWriter.Write(options));
        return 0;
    }
}
