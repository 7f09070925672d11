using System.CommandLine;
using Meridian.Configuration;

namespace Meridian.Commands.Config;

/// <summary>
/// <c>meridian config check FILE</c>: validates a file and prints the effective configuration; the
/// warnings (lines that parse but do not do what they seem to) go to the warnings writer (standard error).
/// </summary>
public static class ConfigCheckCommand
{
    /// <summary><c>meridian config</c>, the group, with its one tool <c>check FILE</c>.</summary>
    public static Command Build()
    {
        var file = new Argument<string>("FILE") { Description = "the configuration file to check" };
        var check = new Command("check", "validate a configuration file and print the effective configuration") { file };
        check.SetAction(result => CommandLine.WithConfigErrors(() => Run(result.GetValue(file)!, Console.Out, Console.Error)));
        return new Command("config", "configuration tools") { check };
    }

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
