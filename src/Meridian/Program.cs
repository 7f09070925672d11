using System.CommandLine;
using Meridian.Commands;
using Meridian.Commands.Audit;
using Meridian.Commands.Clients;
using Meridian.Commands.Config;
using Meridian.Commands.History;
using Meridian.Commands.ManPage;
using Meridian.Commands.Monitor;
using Meridian.Commands.Peers;
using Meridian.Commands.Query;
using Meridian.Commands.Reload;
using Meridian.Commands.Serve;
using Meridian.Commands.Status;
using Meridian.Commands.Traffic;

namespace Meridian;

/// <summary>The entry point: composes the command tree from each command's own definition, and turns parse errors into exit 2.</summary>
public static class Program
{
    public const int ExitConfigError = CommandLine.ExitUsage;

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

    public static RootCommand BuildCommand() => new("Meridian: a secure, fast NTP server")
    {
        ServeCommand.Build(),
        ConfigCheckCommand.Build(),
        StatusCommand.Build(),
        PeersCommand.Build(),
        ReloadCommand.Build(),
        HistoryCommand.Build(),
        ClientsCommand.Build(),
        QueryCommand.Build(),
        MonitorCommand.Build(),
        AuditCommand.Build(),
        TrafficCommand.Build(),
        ManPageCommand.Build(),
    };
}
