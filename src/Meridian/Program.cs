using System.CommandLine;
using System.Net;
using Meridian.Commands;
using Meridian.Configuration;
using Meridian.Control;
using Meridian.Hosting;

namespace Meridian;

public static class Program
{
    public const int ExitConfigError = 2;

    /// <summary>Usage errors (unknown option, bad value, missing argument) exit 2, like configuration errors.</summary>
    public static int Main(string[] args)
    {
        ParseResult parse = BuildCommand().Parse(args);
        if (parse.Errors.Count == 0)
        {
            return parse.Invoke();
        }

        foreach (var error in parse.Errors)
        {
            Console.Error.WriteLine($"meridian: {error.Message}");
        }

        Console.Error.WriteLine("meridian: see 'meridian --help' or 'meridian COMMAND --help'");
        return ExitConfigError;
    }

    public static RootCommand BuildCommand()
    {
        var root = new RootCommand("Meridian: a secure, fast NTP server");
        root.Subcommands.Add(BuildServe());
        root.Subcommands.Add(BuildConfig());
        root.Subcommands.Add(BuildControlQuery("status", "show the running server's synchronization state and counters", StatusCommand.Run));
        root.Subcommands.Add(BuildControlQuery("peers", "show the running server's upstream sources, like 'ntpq -p'", PeersCommand.Run));
        root.Subcommands.Add(BuildControlQuery("reload", "make the running server re-read its configuration (as SIGHUP does) and print what changed", ReloadCommand.Run, "print the reload report as JSON"));
        root.Subcommands.Add(BuildControlQuery("history", "show the running server's history: 1 s rows for the last hour, 1 min rows for 7 days", HistoryCommand.Run));
        root.Subcommands.Add(BuildClients());
        root.Subcommands.Add(BuildQuery());
        root.Subcommands.Add(BuildMonitor());
        root.Subcommands.Add(BuildAudit());
        root.Subcommands.Add(BuildTraffic());
        root.Subcommands.Add(BuildManPage(root));
        return root;
    }

    private static Command BuildServe()
    {
        var config = new Option<string?>("--config") { Description = "configuration file (ntp.conf dialect); built-in defaults when absent" };
        var listen = new Option<string[]>("--listen")
        {
            Description = "ADDR:PORT or [IPv6]:PORT to serve on, repeatable; overrides the configuration (default: port 123 on all addresses)",
        };
        var workers = new Option<int>("--workers")
        {
            Description = "serving threads per listen address (SO_REUSEPORT, clients steered by source address); default: one per core",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var user = new Option<string?>("--user")
        {
            Description = "started as root: bind the sockets, then run every thread as this user (overrides the 'user' directive)",
            HelpName = "NAME",
        };
        var serve = new Command("serve", "run the NTP server in the foreground until SIGINT or SIGTERM; SIGHUP re-reads the configuration") { config, listen, workers, user };
        serve.SetAction(result => WithConfigErrors(() =>
        {
            var endPoints = ParseListen(result.GetValue(listen) ?? []);
            int count = Math.Clamp(result.GetValue(workers), 1, 256);
            MeridianOptions options = ConfigLoader.Load(result.GetValue(config));
            options.User = result.GetValue(user) ?? options.User;
            return endPoints is null ? ExitConfigError : ServeCommand.Run(options, endPoints, count);
        }));
        return serve;
    }

    private static Command BuildConfig()
    {
        var file = new Argument<string>("FILE") { Description = "the configuration file to check" };
        var check = new Command("check", "validate a configuration file and print the effective configuration") { file };
        check.SetAction(result => WithConfigErrors(() => ConfigCheckCommand.Run(result.GetValue(file)!, Console.Out, Console.Error)));
        return new Command("config", "configuration tools") { check };
    }

    private static Command BuildControlQuery(string name, string description, Func<string, bool, TextWriter, TextWriter, int> run, string jsonDescription = "print the whole status report as JSON")
    {
        var (socket, config) = SocketOptions();
        var json = new Option<bool>("--json") { Description = jsonDescription };
        var command = new Command(name, description) { socket, config, json };
        command.SetAction(result => WithSocket(result, socket, config, name, path => run(path, result.GetValue(json), Console.Out, Console.Error)));
        return command;
    }

    private static Command BuildClients()
    {
        var (socket, config) = SocketOptions();
        var top = new Option<int>("--top") { Description = "rows per section (default 20)", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "print the report as JSON" };
        var csv = new Option<bool>("--csv") { Description = "print all reported clients as CSV" };
        var xtRecent = new Option<string?>("--xt-recent") { Description = "read a dump of an iptables xt_recent table instead of the running server", HelpName = "FILE" };
        var hz = new Option<int>("--hz") { Description = "jiffies per second of the xt_recent dump (default 250)", DefaultValueFactory = _ => 250 };
        var command = new Command("clients", "the abuse report: clients by packets per second, burst clients, rapid fire") { socket, config, top, json, csv, xtRecent, hz };
        command.SetAction(result => WithSocket(result, socket, config, "clients", path => ClientsCommand.Run(
            path, result.GetValue(xtRecent), result.GetValue(hz), Math.Clamp(result.GetValue(top), 1, 100_000),
            result.GetValue(json), result.GetValue(csv), Console.Out, Console.Error)));
        return command;
    }

    private static Command BuildQuery()
    {
        var host = new Argument<string>("HOST") { Description = "the server: NAME, IPv4 or [IPv6], with an optional :PORT (default 123); every address of a name is queried" };
        var count = new Option<int>("--count") { Description = "samples per address; the one with the lowest delay is reported (default 1)", DefaultValueFactory = _ => 1 };
        var interval = new Option<double>("--interval") { Description = "seconds between samples (default 1)", DefaultValueFactory = _ => 1 };
        var timeout = new Option<double>("--timeout") { Description = "seconds to wait for each answer (default 3)", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "print an array of per-address results as JSON" };
        var command = new Command("query", "query an NTP server from outside, like sntp; exit 0 when an address gave a valid answer") { host, count, interval, timeout, json };
        command.SetAction(result =>
        {
            QueryOptions? options = QueryOptions.TryCreate(
                result.GetValue(host)!, result.GetValue(count), result.GetValue(interval), result.GetValue(timeout), result.GetValue(json), out string problem);
            return options is null ? UsageError("query", problem) : QueryCommand.Run(options, Console.Out, Console.Error);
        });
        return command;
    }

    private static Command BuildMonitor()
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
            return options is null ? UsageError("monitor", problem) : MonitorCommand.Run(options, Console.Out, Console.Error);
        });
        return command;
    }

    private static Command BuildAudit()
    {
        var target = new Argument<string>("HOST[:PORT]") { Description = "the NTP server to audit; port 123 unless given ([IPv6]:PORT for IPv6)" };
        var timeout = new Option<double>("--timeout") { Description = "seconds to collect replies to each probe (default 2)", HelpName = "SECONDS", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "print the findings as JSON" };
        var command = new Command(
            "audit",
            "is this server usable for a reflection attack? Sends the probes scanners send (monlist, mode 6, NTPv1/v2, padded) and reports "
            + "the amplification factor of each, a verdict and the ntp.conf lines to fix it. For servers you run. "
            + "Exit status: 0 not exploitable, 1 exploitable, 2 usage error or bad or unresolvable host")
        {
            target, timeout, json,
        };
        command.SetAction(result => AuditCommand.Run(
            new AuditUsage(result.GetValue(target)!, result.GetValue(timeout), result.GetValue(json)), Console.Out, Console.Error));
        return command;
    }

    private static Command BuildTraffic()
    {
        var pcap = new Option<string?>("--pcap") { Description = "read a tcpdump/tshark capture (pcap or pcapng) instead of the running server", HelpName = "FILE" };
        var port = new Option<int>("--port") { Description = "the NTP port (default 123)", DefaultValueFactory = _ => 123 };
        var server = new Option<string?>("--server") { Description = "the server's address (default: inferred, the address on the port's side of the most packets)", HelpName = "ADDR" };
        var price = new Option<double>("--price-per-gb") { Description = "outbound price per GB (10^9 bytes), default 0.12", DefaultValueFactory = _ => 0.12 };
        var json = new Option<bool>("--json") { Description = "print the figures as JSON" };
        var (socket, config) = SocketOptions();
        var sample = new Option<double>("--sample")
        {
            Description = "live mode: rates over the next SECONDS (two readings that far apart) instead of since the server started",
            HelpName = "SECONDS",
        };
        var command = new Command(
            "traffic",
            "NTP bandwidth, distinct clients and monthly egress cost of the running server, or of a capture with --pcap")
        {
            pcap, port, server, price, json, socket, config, sample,
        };
        command.SetAction(result => WithSocket(result, socket, config, "traffic", path => TrafficCommand.Run(
            new TrafficOptions(
                result.GetValue(pcap), result.GetValue(port), result.GetValue(server), result.GetValue(price), result.GetValue(json), path, result.GetValue(sample)),
            Console.Out,
            Console.Error)));
        return command;
    }

    /// <summary>--socket PATH and --config FILE: how the CLI finds the running server (ControlSocketLocation).</summary>
    private static (Option<string?> Socket, Option<string?> Config) SocketOptions() =>
    (
        new Option<string?>("--socket") { Description = $"the control socket of 'meridian serve' (default: the 'controlsocket' of --config, else of {ControlSocketLocation.InstalledConfig}, else {ControlDefaults.SocketPath})", HelpName = "PATH" },
        new Option<string?>("--config") { Description = "the configuration file the server runs with, to find its control socket", HelpName = "FILE" }
    );

    private static int WithSocket(ParseResult result, Option<string?> socket, Option<string?> config, string command, Func<string, int> run)
    {
        string? path = ControlSocketLocation.Resolve(result.GetValue(socket), result.GetValue(config), ControlSocketLocation.InstalledConfig, out string? problem);
        return path is null ? UsageError(command, problem!) : run(path);
    }

    private static Command BuildManPage(RootCommand root)
    {
        var name = new Argument<string>("PAGE") { Description = "meridian.8 or meridian.conf.5" };
        var command = new Command("manpage", "print a manual page in roff, generated from this binary's commands and configuration reference") { name };
        command.Hidden = true;
        command.SetAction(result =>
        {
            string? page = ManPage.Render(result.GetValue(name)!, root);
            if (page is null)
            {
                return UsageError("manpage", "PAGE is " + string.Join(" or ", ManPage.Names));
            }

            Console.Out.Write(page);
            return 0;
        });
        return command;
    }

    private static int UsageError(string command, string problem)
    {
        Console.Error.WriteLine($"meridian {command}: {problem}");
        return ExitConfigError;
    }

    private static List<IPEndPoint>? ParseListen(string[] values)
    {
        var endPoints = new List<IPEndPoint>();
        foreach (string value in values)
        {
            if (!ListenAddress.TryParse(value, out IPEndPoint endPoint))
            {
                ConsoleLog.Error($"--listen '{value}' is not ADDR, ADDR:PORT or [IPv6]:PORT");
                return null;
            }

            endPoints.Add(endPoint);
        }

        return endPoints;
    }

    private static int WithConfigErrors(Func<int> run)
    {
        try
        {
            return run();
        }
        catch (ConfigException e)
        {
            foreach (ConfigException error in e.Errors)
            {
                ConsoleLog.Error(error.Message);
            }

            return ExitConfigError;
        }
    }
}
