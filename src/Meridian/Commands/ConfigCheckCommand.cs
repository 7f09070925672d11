using Meridian.Configuration;

namespace Meridian.Commands;

/// <summary>
/// <c>meridian config check FILE</c>: validates a file and prints the effective configuration; the
/// warnings (lines that parse but do not do what they seem to) go to the warnings writer (standard error).
/// </summary>
public static class ConfigCheckCommand
{
    public static int Run(string file, TextWriter output, TextWriter? warnings = null)
    {
        MeridianOptions options = ConfigLoader.LoadFile(file);
        foreach (string warning in options.Warnings)
        {
            // Without a warnings writer they become comments, so the printed configuration still parses.
            (warnings ?? output).WriteLine($"{(warnings is null ? "# " : "")}warning: {warning}");
        }

        output.Write(ConfigWriter.Write(options));
        return 0;
    }
}
