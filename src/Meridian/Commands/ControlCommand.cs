using System.Text.Json;
using Meridian.Control;

namespace Meridian.Commands;

/// <summary>What <c>meridian status</c> and <c>meridian peers</c> share: query the control socket, print text or JSON.</summary>
public static class ControlCommand
{
    public const int ExitUnreachable = 1;

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
