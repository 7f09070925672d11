using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Meridian.Configuration;
using Meridian.Control;
using Meridian.Core.Client;
using Meridian.Net;

namespace Meridian.Commands.Query;

/// <summary>
/// <c>meridian query HOST[:PORT]</c>: an SNTP client that checks any server from outside. Every
/// address of the host is queried <see cref="QueryOptions.Count"/> times and the sample with the
/// lowest delay is printed, one line per address.
/// </summary>
public static class QueryCommand
{
    public const int ExitNoAnswer = 1;
    public const int ExitUsage = CommandLine.ExitUsage;
    private const int NtsKeDefaultPort = 4460;

    public static Command Build()
    {
        var host = new Argument<string>("HOST") { Description = "the server: NAME, IPv4 or [IPv6], with an optional :PORT (default 123); every address of a name is queried" };
        var count = new Option<int>("--count") { Description = "samples per address; the one with the lowest delay is reported (default 1)", DefaultValueFactory = _ => 1 };
        var interval = new Option<double>("--interval") { Description = "seconds between samples (default 1)", DefaultValueFactory = _ => 1 };
        var timeout = new Option<double>("--timeout") { Description = "seconds to wait for each answer (default 3)", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "print an array of per-address results as JSON" };
        var nts = new Option<bool>("--nts") { Description = "NTS key establishment with HOST (TLS 1.3) and the negotiated AEAD, cookies and NTP server printed , then one authenticated NTP exchange: the sntp line plus \"authenticated\"" };
        var ntsPort = new Option<int>("--nts-port") { Description = "the NTS-KE TCP port with --nts (default 4460)", DefaultValueFactory = _ => NtsKeDefaultPort };
        var trust = new Option<string[]>("--trust") { Description = "with --nts: PEM file or directory of trusted CA certificates, repeatable (default: the system store)", HelpName = "FILE" };
        var command = new Command("query", "query an NTP server from outside, like sntp; exit 0 when an address gave a valid answer") { host, count, interval, timeout, json, nts, ntsPort, trust };
        command.SetAction(result =>
        {
            if (result.GetValue(nts))
            {
                return ServerName.TryParse(result.GetValue(host)!, out ServerName name) && result.GetValue(ntsPort) is > 0 and < 65536 && result.GetValue(timeout) > 0
                    ? NtsQuery.Run(name.Host, result.GetValue(ntsPort), result.GetValue(trust) ?? [], result.GetValue(timeout), Console.Out, Console.Error)
                    : CommandLine.UsageError("query", "--nts needs HOST, a --nts-port from 1 to 65535 and a positive --timeout");
            }

            QueryOptions? options = QueryOptions.TryCreate(
                result.GetValue(host)!, result.GetValue(count), result.GetValue(interval), result.GetValue(timeout), result.GetValue(json), out string problem);
            return options is null ? CommandLine.UsageError("query", problem) : Run(options, Console.Out, Console.Error);
        });
        return command;
    }

    public static int Run(QueryOptions options, TextWriter output, TextWriter error)
    {
        if (!TryResolve(options.Server, "query", error, out IReadOnlyList<IPEndPoint> servers))
        {
            return ExitUsage;
        }

        var results = new List<QueryResult>();
        foreach (IPEndPoint server in servers)
        {
            SntpResult best = QueryBest(server, options);
            results.Add(QueryResult.From(server, best, options.TimeoutSeconds));
            if (options.Json)
            {
                continue;
            }

            if (best.IsValid)
            {
                output.WriteLine(SntpText.Line(server, best));
            }
            else
            {
                error.WriteLine($"meridian query: {ListenAddress.Format(server)}: {SntpText.Failure(best, options.TimeoutSeconds)}");
            }
        }

        if (options.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(results, ControlJson.Text.ListQueryResult));
        }

        return results.Any(r => r.Error is null) ? 0 : ExitNoAnswer;
    }

    /// <summary>Resolves the host; a name that does not resolve is a usage error with a clear message.</summary>
    public static bool TryResolve(ServerName name, string command, TextWriter error, out IReadOnlyList<IPEndPoint> servers)
    {
        try
        {
            servers = name.Resolve();
        }
        catch (SocketException e)
        {
            servers = [];
            error.WriteLine($"meridian {command}: cannot resolve '{name.Host}': {e.Message}");
            return false;
        }

        if (servers.Count == 0)
        {
            error.WriteLine($"meridian {command}: '{name.Host}' has no addresses");
        }

        return servers.Count > 0;
    }

    private static SntpResult QueryBest(IPEndPoint server, QueryOptions options)
    {
        var samples = new List<SntpResult>();
        for (int i = 0; i < options.Count; i++)
        {
            if (i > 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds(options.IntervalSeconds));
            }

            samples.Add(SntpClient.Query(server, TimeSpan.FromSeconds(options.TimeoutSeconds)));
            if (samples[^1].Status == SntpStatus.Kiss)
            {
                break; // a kissed client stops asking
            }
        }

        return SntpRanking.Best(samples)!;
    }
}
