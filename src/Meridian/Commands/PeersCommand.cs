namespace Meridian.Commands;

/// <summary><c>meridian peers</c>: the upstream sources as an <c>ntpq -p</c> table.</summary>
public static class PeersCommand
{
    public static int Run(string socketPath, bool json, TextWriter output, TextWriter error) =>
        ControlCommand.Run(socketPath, "peers", json, output, error, report => PeersTable.Format(report.Sync));
}
