using System.Text.Json;
using Meridian.Control;
using Meridian.Core.Analysis;

namespace Meridian.Commands;

/// <summary>
/// <c>meridian clients</c>: the abuse report from the running server's rate-limit tables, or with
/// <c>--xt-recent FILE</c> from a dump of an iptables xt_recent table (jiffies at <c>--hz</c>).
/// </summary>
public static class ClientsCommand
{
    public const int ExitFailed = 1;

    public static int Run(string socketPath, string? xtRecent, int hz, int top, bool json, bool csv, TextWriter output, TextWriter error)
    {
        ClientsReportDocument document;
        try
        {
            document = xtRecent is null
                ? ControlClient.Query(socketPath, $"clients {top}", ControlJson.Wire.ClientsReportDocument)
                : FromXtRecent(xtRecent, hz, top, error);
        }
        catch (Exception e) when (e is ControlSocketException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"meridian clients: {e.Message}");
            return ExitFailed;
        }

        output.Write(json ? JsonSerializer.Serialize(document, ControlJson.Text.ClientsReportDocument) + "\n"
            : csv ? ClientsText.Csv(document.Report)
            : ClientsText.Format(document));
        return 0;
    }

    private static ClientsReportDocument FromXtRecent(string path, int hz, int top, TextWriter error)
    {
        var (clients, malformed) = XtRecentParser.Parse(File.ReadLines(path), hz);
        if (malformed > 0)
        {
            error.WriteLine($"meridian clients: {path}: {malformed} lines are not xt_recent entries and were skipped");
        }

        return new ClientsReportDocument($"xt_recent dump {path} ({hz} Hz)", ClientReport.Build(clients, top));
    }
}
