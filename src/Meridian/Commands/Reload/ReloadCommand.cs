using System.CommandLine;
using System.Text;
using System.Text.Json;
using Meridian.Commands.Control;
using Meridian.Control;
using Meridian.Hosting;

namespace Meridian.Commands.Reload;

/// <summary>
/// <c>meridian reload</c>: asks the running server to re-read its configuration (as SIGHUP does)
/// and prints what changed; exit 1 with <c>FILE:LINE: reason</c> when the new file was refused.
/// </summary>
public static class ReloadCommand
{
    public const int ExitFailed = 1;

    public static Command Build() => ControlCommand.Build(
        "reload", "make the running server re-read its configuration (as SIGHUP does) and print what changed", Run, "print the reload report as JSON");

    public static int Run(string socketPath, bool json, TextWriter output, TextWriter error)
    {
        ReloadReport report;
        try
        {
            report = ControlClient.Query(socketPath, "reload", ControlJson.Wire.ReloadReport);
        }
        catch (ControlSocketException e)
        {
            error.WriteLine($"meridian reload: {e.Message}");
            return ExitFailed;
        }

        if (json)
        {
            output.Write(JsonSerializer.Serialize(report, ControlJson.Text.ReloadReport) + "\n");
        }
        else if (report.Failure is null)
        {
            output.Write(Format(report));
        }

        if (report.Failure is string failure)
        {
            error.WriteLine($"meridian reload: {failure}; the running configuration is unchanged");
            return ExitFailed;
        }

        return 0;
    }

    public static string Format(ReloadReport report)
    {
        var text = new StringBuilder($"reloaded {report.File}: {LiveReload.Summary(report)}\n");
        Section(text, "applied:", report.Applied);
        Section(text, "needs a restart (the running server keeps the old value):", report.NeedRestart);
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IReadOnlyList<string> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        text.Append(title).Append('\n');
        foreach (string change in changes)
        {
            text.Append("  ").Append(change).Append('\n');
        }
    }
}
