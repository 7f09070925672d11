using System.CommandLine;
using System.Text.Json;
using Meridian.Control;

namespace Meridian.Commands.Control;

/// <summary>What the commands that ask the running server share: query the control socket, print text or JSON.</summary>
public static class ControlCommand
{
    public const int ExitUnreachable = 1;

    /// <summary>A command with --socket, --config and --json whose action runs <paramref name="run"/>(socket path, json, output, error).</summary>
    public static Command Build(string name, string description, Func<string, bool, TextWriter, TextWriter, int> run, string jsonDescription = "print the whole status report as JSON")
    {
        var socket = new ControlSocketOptions();
        var json = new Option<bool>("--json") { Description = jsonDescription };
        var command = new Command(name, description) { socket.Socket, socket.Config, json };
        command.SetAction(result => socket.Run(result, name, path => run(path, result.GetValue(json), Console.Out, Console.Error)));
        return command;
    }

    public static int Run(
        string socketPath, string command, bool json, TextWriter output, TextWriter error, Func<StatusReport, string> format)
    {
        StatusReport report;
        try
        {
            report = ControlClient.Query(socketPath, command);
        }
        catch (ControlSocketException e)
        {
            error.WriteLine($"meridian {command}: {e.Message}");
            return ExitUnreachable;
        }

        output.Write(json ? JsonSerializer.Serialize(report, ControlJson.Text.StatusReport) + "\n" : format(report));
        return 0;
    }
}
