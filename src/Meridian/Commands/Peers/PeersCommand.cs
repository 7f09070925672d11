using System.CommandLine;
using Meridian.Commands.Control;

namespace Meridian.Commands.Peers;

/// <summary><c>meridian peers</c>: the upstream sources as an <c>ntpq -p</c> table.</summary>
public static class PeersCommand
{
    public static Command Build() =>
        ControlCommand.Build("peers", "show the running server's upstream sources, like 'ntpq -p'", Run);

    public static int Run(string socketPath, bool json, TextWriter output, TextWriter error) =>
        ControlCommand.Run(socketPath, "peers", json, output, error, report => PeersTable.Format(report.Sync));
}
