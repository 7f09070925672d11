using System.CommandLine;
using System.Text.Json;
using Meridian.Commands.Control;
using Meridian.Control;
using Meridian.Core.Analysis;

namespace Meridian.Commands.Clients;

/// <summary>
/// <c>meridian clients</c>: the abuse report from the running server's rate-limit tables, or with
/// <c>--xt-recent FILE</c> from a dump of an iptables xt_recent table (jiffies at <c>--hz</c>).
/// </summary>
public static class ClientsCommand
{
    public const int ExitFailed = 1;

    public static Command Build()
    {
        var socket = new ControlSocketOptions();
        var top = new Option<int>("--top") { Description = "rows per section (default 20)", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "print the report as JSON" };
        var csv = new Option<bool>("--csv") { Description = "print all reported clients as CSV" };
        var xtRecent = new Option<string?>("--xt-recent") { Description = "read a dump of an iptables xt_recent table instead of the running server", HelpName = "FILE" };
        var hz = new Option<int>("--hz") { Description = "jiffies per second of the xt_recent dump (default 250)", DefaultValueFactory = _ => 250 };
        var command = new Command("clients", "the abuse report: clients by packets per second, burst clients, rapid fire") { socket.Socket, socket.Config, top, json, csv, xtRecent, hz };
        command.SetAction(result =>
        {
            ClientsOptions? options = ClientsOptions.TryCreate(
                result.GetValue(xtRecent), result.GetValue(hz), result.GetValue(top), result.GetValue(json), result.GetValue(csv), out string problem);
            return options is null
                ? CommandLine.UsageError("clients", problem)
                : socket.Run(result, "clients", path => Run(options, path, Console.Out, Console.Error));
        });
        return command;
    }

    public static int Run(ClientsOptions options, string socketPath, TextWriter output, TextWriter error)
    {
        ClientsReportDocument document;
        try
        {
            document = options.XtRecent is null
                ? ControlClient.Query(socketPath, $"clients {options.Top}", ControlJson.Wire.ClientsReportDocument)
                : FromXtRecent(options.XtRecent, options.Hz, options.Top, error);
        }
        catch (Exception e) when (e is ControlSocketException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"meridian clients: {e.Message}");
            return ExitFailed;
        }

        output.Write(options.Json ? JsonSerializer.Serialize(document, ControlJson.Text.ClientsReportDocument) + "\n"
            : options.Csv ? ClientsText.Csv(document.Report)
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
