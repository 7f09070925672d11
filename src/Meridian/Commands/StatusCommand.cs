namespace Meridian.Commands;

/// <summary><c>meridian status</c>: the server's synchronization state and serving counters.</summary>
public static class StatusCommand
{
    public static int Run(string socketPath, bool json, TextWriter output, TextWriter error) =>
        ControlCommand.Run(socketPath, "status", json, output, error, StatusText.Format);
}
