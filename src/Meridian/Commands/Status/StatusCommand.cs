using System.CommandLine;
using Meridian.Commands.Control;

namespace Meridian.Commands.Status;

/// <summary><c>meridian status</c>: the server's synchronization state and serving counters.</summary>
public static class StatusCommand
{
    public static Command Build() =>
        ControlCommand.Build("status", "show the running server's synchronization state and counters", Run);

    public static int Run(string socketPath, bool json, TextWriter output, TextWriter error) =>
        ControlCommand.Run(socketPath, "status", json, output, error, StatusText.Format);
}
