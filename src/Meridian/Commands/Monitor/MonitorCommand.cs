using System.CommandLine;
using System.Diagnostics;
using System.Net;
using Meridian.Commands.Query;
using Meridian.Configuration;
using Meridian.Core.Analysis;
using Meridian.Core.Client;
using Meridian.Hosting;
using Meridian.Net;

namespace Meridian.Commands.Monitor;

/// <summary>
/// <c>meridian monitor HOST[:PORT]</c>: the NTP Pool's view of a server. Every interval one check
/// sends up to three queries (spaced, each with a timeout), keeps the best answer and scores it with
/// <see cref="PoolScore"/>; a table row or a JSON line per check. Runs <see cref="MonitorOptions.Checks"/>
/// checks, or until SIGINT/SIGTERM.
/// </summary>
public static class MonitorCommand
{
    public static Command Build()
    {
        var host = new Argument<string>("HOST") { Description = "the server: NAME, IPv4 or [IPv6], with an optional :PORT (default 123); a name's first address is monitored" };
        var interval = new Option<double>("--interval") { Description = "seconds between checks (default 60)", DefaultValueFactory = _ => 60 };
        var spacing = new Option<double>("--spacing") { Description = "seconds between the up to three queries of a check (default 2)", DefaultValueFactory = _ => 2 };
        var timeout = new Option<double>("--timeout") { Description = "seconds to wait for each answer (default 3)", DefaultValueFactory = _ => 3 };
        var checks = new Option<int?>("--checks") { Description = "stop after N checks (default: run until SIGINT or SIGTERM)" };
        var reference = new Option<string?>("--reference") { Description = "score the offset from this server instead of the local clock", HelpName = "HOST[:PORT]" };
        var json = new Option<bool>("--json") { Description = "print one JSON object per check and line (JSON lines)" };
        var command = new Command("monitor", "score a server as the NTP Pool's monitor does, check after check") { host, interval, spacing, timeout, checks, reference, json };
        command.SetAction(result =>
        {
            MonitorOptions? options = MonitorOptions.TryCreate(
                result.GetValue(host)!, result.GetValue(reference), result.GetValue(interval), result.GetValue(spacing), result.GetValue(timeout),
                result.GetValue(checks), result.GetValue(json), out string problem);
            return options is null ? CommandLine.UsageError("monitor", problem) : Run(options, Console.Out, Console.Error);
        });
        return command;
    }

    public static int Run(MonitorOptions options, TextWriter output, TextWriter error)
    {
        if (!QueryCommand.TryResolve(options.Server, "monitor", error, out IReadOnlyList<IPEndPoint> servers))
        {
            return QueryCommand.ExitUsage;
        }

        IReadOnlyList<IPEndPoint> references = [];
        if (options.Reference is not null && !QueryCommand.TryResolve(options.Reference, "monitor", error, out references))
        {
            return QueryCommand.ExitUsage;
        }

        IPEndPoint server = servers[0];
        IPEndPoint? reference = references.Count > 0 ? references[0] : null;
        error.WriteLine($"meridian monitor: {ListenAddress.Format(server)}"
            + (reference is null ? ", offsets from the local clock" : $", offsets from {ListenAddress.Format(reference)}"));
        using var stop = new StopSignal();
        Loop(options, server, reference, stop, output);
        return 0;
    }

    private static void Loop(MonitorOptions options, IPEndPoint server, IPEndPoint? reference, StopSignal stop, TextWriter output)
    {
        var monitor = new PoolMonitor(reference is not null);
        if (!options.Json)
        {
            output.WriteLine(MonitorText.Header);
        }

        long start = Stopwatch.GetTimestamp();
        for (int n = 0; options.Checks is null || n < options.Checks; n++)
        {
            TimeSpan untilDue = TimeSpan.FromSeconds(n * options.IntervalSeconds) - Stopwatch.GetElapsedTime(start);
            if (n > 0 && stop.Wait(untilDue > TimeSpan.Zero ? untilDue : TimeSpan.Zero))
            {
                break;
            }

            DateTime time = DateTime.UtcNow;
            SntpResult? best = Check(server, options, stop);
            SntpResult? referenceBest = reference is null ? null : Check(reference, options, stop);
            PoolCheck check = monitor.HandleCheck(best, referenceBest);
            output.WriteLine(options.Json ? MonitorText.JsonLine(time, server, check) : MonitorText.Row(time, check));
            output.Flush();
        }
    }

    /// <summary>Up to three queries, spaced; a kiss ends the check (a kissed client stops asking).</summary>
    private static SntpResult? Check(IPEndPoint server, MonitorOptions options, StopSignal stop)
    {
        var answers = new List<SntpResult>();
        for (int i = 0; i < MonitorOptions.QueriesPerCheck; i++)
        {
            if (i > 0 && stop.Wait(TimeSpan.FromSeconds(options.SpacingSeconds)))
            {
                break;
            }

            answers.Add(SntpClient.Query(server, TimeSpan.FromSeconds(options.TimeoutSeconds)));
            if (answers[^1].Status == SntpStatus.Kiss)
            {
                break;
            }
        }

        return SntpRanking.Best(answers);
    }
}
