using System.CommandLine;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Meridian.Commands.ManPage;

/// <summary>
/// The manual pages, generated from what they describe so they cannot drift: meridian(8) from the
/// command tree that <c>--help</c> prints, meridian.conf(5) from docs/configuration.md (embedded
/// in the binary at build time).
/// </summary>
public static class ManPageCommand
{
    public static readonly string[] Names = ["meridian.8", "meridian.conf.5"];

    /// <summary><c>meridian manpage PAGE</c>, hidden: prints the page of the command tree it belongs to.</summary>
    public static Command Build()
    {
        var name = new Argument<string>("PAGE") { Description = "meridian.8 or meridian.conf.5" };
        var command = new Command("manpage", "print a manual page in roff, generated from this binary's commands and configuration reference") { name };
        command.Hidden = true;
        command.SetAction(result =>
        {
            string? page = Render(result.GetValue(name)!, (RootCommand)result.RootCommandResult.Command);
            if (page is null)
            {
                return CommandLine.UsageError("manpage", "PAGE is " + string.Join(" or ", Names));
            }

            Console.Out.Write(page);
            return 0;
        });
        return command;
    }

    public static string? Render(string name, RootCommand root) => name switch
    {
        "meridian.8" => Commands(root),
        "meridian.conf.5" => Configuration(ReadEmbedded("configuration.md")),
        _ => null,
    };

    private static string Commands(RootCommand root)
    {
        var page = Header("MERIDIAN", 8, "meridian \\- " + Escape(root.Description ?? "NTP server"));
        page.AppendLine(".SH SYNOPSIS").AppendLine(".B meridian").AppendLine(".I COMMAND").AppendLine("[\\fIOPTIONS\\fR]");
        page.AppendLine(".SH COMMANDS");
        foreach (Command command in root.Subcommands.Where(c => !c.Hidden))
        {
            AppendCommand(page, command, "meridian " + command.Name);
        }

        page.AppendLine(".SH EXIT STATUS").AppendLine("0 success; 1 the server could not start, or a check failed; 2 a usage or configuration error.");
        page.AppendLine(".SH FILES").AppendLine(".TP").AppendLine("/etc/meridian/meridian.conf").AppendLine("the configuration, see meridian.conf(5)")
            .AppendLine(".TP").AppendLine("/run/meridian/meridian.sock").AppendLine("the control socket status, peers, clients and traffic talk to")
            .AppendLine(".TP").AppendLine("/var/lib/meridian/drift").AppendLine("the measured frequency error of the clock");
        page.AppendLine(".SH SEE ALSO").AppendLine("meridian.conf(5), ntpq(1), chronyc(1)");
        return page.ToString();
    }

    private static void AppendCommand(StringBuilder page, Command command, string path)
    {
        if (command.Subcommands.Count > 0)
        {
            foreach (Command sub in command.Subcommands.Where(c => !c.Hidden))
            {
                AppendCommand(page, sub, path + " " + sub.Name);
            }

            return;
        }

        string arguments = string.Concat(command.Arguments.Select(a => " \\fI" + Escape(a.Name) + "\\fR"));
        page.AppendLine(".SS \"" + Escape(path) + "\"").Append(".B ").AppendLine(Escape(path) + arguments.Replace("\\fR", "\\fB"));
        page.AppendLine(".PP").AppendLine(Escape(command.Description ?? ""));
        foreach (Argument argument in command.Arguments)
        {
            page.AppendLine(".TP").AppendLine("\\fI" + Escape(argument.Name) + "\\fR").AppendLine(Escape(argument.Description ?? ""));
        }

        foreach (Option option in command.Options.Where(o => !o.Hidden))
        {
            string value = option.HelpName is { } help ? " \\fI" + Escape(help) + "\\fR" : "";
            page.AppendLine(".TP").AppendLine("\\fB" + Escape(option.Name) + "\\fR" + value).AppendLine(Escape(option.Description ?? ""));
        }
    }

    /// <summary>The directive table of docs/configuration.md, one tagged paragraph per directive, and its prose.</summary>
    private static string Configuration(string markdown)
    {
        var page = Header("MERIDIAN.CONF", 5, "meridian.conf \\- configuration of the Meridian NTP server (ntp.conf dialect)");
        page.AppendLine(".SH DESCRIPTION");
        bool inCode = false;
        foreach (string line in markdown.Split('\n').Select(l => l.TrimEnd()))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                page.AppendLine(inCode ? ".fi" : ".nf");
                inCode = !inCode;
            }
            else if (inCode)
            {
                page.AppendLine(Escape(line));
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal) || line.StartsWith("|---", StringComparison.Ordinal) || line.StartsWith("| directive", StringComparison.Ordinal))
            {
                continue;
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                page.AppendLine(".SH " + Escape(line[3..].ToUpperInvariant()));
            }
            else if (line.StartsWith('|'))
            {
                AppendDirective(page, line);
            }
            else
            {
                page.AppendLine(line.Length == 0 ? ".PP" : Inline(line));
            }
        }

        page.AppendLine(".SH SEE ALSO").AppendLine("meridian(8), ntp.conf(5), chrony.conf(5)");
        return page.ToString();
    }

    private static void AppendDirective(StringBuilder page, string row)
    {
        string[] cells = Regex.Split(row.Trim('|'), @"(?<!\\)\|").Select(c => c.Trim().Replace("\\|", "|")).ToArray();
        page.AppendLine(".TP").AppendLine(Inline(cells[0]));
        page.AppendLine(Inline(string.Join(" -- ", cells.Skip(1).Where(c => c.Length > 0))));
    }

    /// <summary>Markdown's inline code and bold as roff bold; links as their text.</summary>
    private static string Inline(string text)
    {
        string escaped = Escape(text);
        escaped = Regex.Replace(escaped, @"\*\*(.+?)\*\*", "\\fB$1\\fR");
        escaped = Regex.Replace(escaped, @"`([^`]+)`", "\\fB$1\\fR");
        escaped = Regex.Replace(escaped, @"\[([^\]]+)\]\([^)]+\)", "$1");
        return escaped.StartsWith('.') || escaped.StartsWith('\'') ? "\\&" + escaped : escaped;
    }

    private static string Escape(string text) => text.Replace("\\", "\\e").Replace("-", "\\-");

    private static StringBuilder Header(string title, int section, string nameLine)
    {
        string version = typeof(ManPageCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "";
        return new StringBuilder()
            .AppendLine($".TH {title} {section} \"\" \"meridian {version}\" \"Meridian\"")
            .AppendLine(".SH NAME").AppendLine(nameLine);
    }

    private static string ReadEmbedded(string name)
    {
        using Stream stream = typeof(ManPageCommand).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in the binary");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
