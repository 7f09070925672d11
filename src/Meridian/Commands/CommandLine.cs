using Meridian.Configuration;
using Meridian.Hosting;

namespace Meridian.Commands;

/// <summary>What every command's action shares: usage errors and configuration errors exit 2.</summary>
public static class CommandLine
{
    /// <summary>The exit status of a usage or configuration error.</summary>
    public const int ExitUsage = 2;

    /// <summary>Prints <c>meridian COMMAND: problem</c> to standard error; returns <see cref="ExitUsage"/>.</summary>
    public static int UsageError(string command, string problem)
    {
        Console.Error.WriteLine($"meridian {command}: {problem}");
        return ExitUsage;
    }

    /// <summary>Runs the action; a configuration error is logged (FILE:LINE: reason) and exits <see cref="ExitUsage"/>.</summary>
    public static int WithConfigErrors(Func<int> run)
    {
        try
        {
            return run();
        }
        catch (ConfigException e)
        {
            foreach (ConfigException error in e.Errors)
            {
                ConsoleLog.Error(error.Message);
            }

            return ExitUsage;
        }
    }
}
