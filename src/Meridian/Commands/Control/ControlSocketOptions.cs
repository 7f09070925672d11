using System.CommandLine;
using Meridian.Control;

namespace Meridian.Commands.Control;

/// <summary>--socket PATH and --config FILE: how a command finds the running server (<see cref="ControlSocketLocation"/>).</summary>
public sealed class ControlSocketOptions
{
    public Option<string?> Socket { get; } = new("--socket")
    {
        Description = $"the control socket of 'meridian serve' (default: the 'controlsocket' of --config, else of {ControlSocketLocation.InstalledConfig}, else {ControlDefaults.SocketPath})",
        HelpName = "PATH",
    };

    public Option<string?> Config { get; } = new("--config") { Description = "the configuration file the server runs with, to find its control socket", HelpName = "FILE" };

    /// <summary>Runs the command with the socket path, or reports why there is none (a usage error).</summary>
    public int Run(ParseResult result, string command, Func<string, int> run)
    {
        string? path = ControlSocketLocation.Resolve(result.GetValue(Socket), result.GetValue(Config), ControlSocketLocation.InstalledConfig, out string? problem);
        return path is null ? CommandLine.UsageError(command, problem!) : run(path);
    }
}
