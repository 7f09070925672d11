using System.Globalization;
using System.Text;

namespace Meridian.Configuration;

/// <summary>Prints the effective configuration in the same dialect, one normalized directive per line.</summary>
public static class ConfigWriter
{
    public static string Write(MeridianOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine($"# effective configuration from {options.Source}");
        if (options.Interfaces.Count > 0)
        {
            options.Interfaces.ForEach(rule => text.AppendLine(rule.ToString()));
        }
        else
        {
            foreach (var endPoint in options.EffectiveListen)
            {
                text.AppendLine($"listen {ListenAddress.Format(endPoint)}{(options.Listen.Count == 0 ? "  # default" : "")}");
            }
        }

        options.Upstreams.ForEach(u => text.AppendLine(Upstream(u)));
        options.Restrictions.ForEach(r => text.AppendLine(Restrict(r)));
        AppendIfSet(text, "driftfile", options.DriftFile);
        AppendIfSet(text, "leapfile", options.LeapFile);
        AppendIfSet(text, "ntsdumpdir", options.NtsDumpDirectory);
        AppendIfSet(text, "ntsrotate", options.NtsRotateSeconds?.ToString(CultureInfo.InvariantCulture));
        AppendIfSet(text, "leapsmear", options.LeapSmear is { } smear ? $"{smear.IntervalSeconds:0} {smear.Shape.ToString().ToLowerInvariant()}" : null);
        AppendIfSet(text, "logfile", options.LogFile);
        AppendIfSet(text, "controlsocket", options.ControlSocket);
        AppendIfSet(text, "user", options.User);
        AppendIfSet(text, "metrics", options.Metrics is { } m ? ListenAddress.Format(m.EndPoint) + string.Concat(m.Allow.Select(a => $" allow {a}")) : null);
        AppendIfSet(text, "statsdir", options.StatsDir);
        foreach (string line in NtsParser.Lines(options.Nts))
        {
            text.AppendLine(line);
        }

        foreach (FileGenOptions set in options.FileGens)
        {
            string type = set.Type.ToString().ToLowerInvariant();
            text.AppendLine($"filegen {set.Name} file {set.File} type {type} {(set.Link ? "link" : "nolink")} {(set.Enabled ? "enable" : "disable")}");
        }
        if (options.LocalStratum is int stratum)
        {
            text.AppendLine($"local stratum {stratum}");
        }

        AppendIfSet(text, "maxrequestage", options.MaxRequestAgeMs?.ToString(CultureInfo.InvariantCulture));
        AppendTuning(text, "tos", options.Tos);
        AppendTuning(text, "tinker", options.Tinker);
        AppendTuning(text, "discard", options.Discard);
        AppendTuning(text, "ratelimit", options.RateLimit);
        AppendIfSet(text, "enable", options.Enable.Count > 0 ? string.Join(' ', options.Enable) : null);
        AppendIfSet(text, "disable", options.Disable.Count > 0 ? string.Join(' ', options.Disable) : null);
        text.AppendLine(options.LocalClockStratum is int served
            ? $"# serving: the local clock at stratum {served} until synchronized"
            : "# serving: 'not synchronized' (leap indicator 3) until synchronized");
        return text.ToString();
    }

    private static string Upstream(UpstreamOptions u)
    {
        var line = new StringBuilder(u.Kind == UpstreamKind.Pool ? "pool " : "server ").Append(u.Host);
        if (u.Port != MeridianOptions.NtpPort) line.Append(" port ").Append(u.Port);
        if (u.Iburst) line.Append(" iburst");
        if (u.Burst) line.Append(" burst");
        if (u.Prefer) line.Append(" prefer");
        if (u.NoSelect) line.Append(" noselect");
        line.Append(" minpoll ").Append(u.MinPoll).Append(" maxpoll ").Append(u.MaxPoll);
        if (u.Version != 4) line.Append(" version ").Append(u.Version);
        if (u.Kind == UpstreamKind.Pool) line.Append(" maxsources ").Append(u.MaxSources);
        if (u.Nts) line.Append(" nts");
        if (u.NtsPort != Meridian.Core.Sync.NtsUpstream.DefaultKePort) line.Append(" ntsport ").Append(u.NtsPort);
        return line.ToString();
    }

    private static string Restrict(RestrictOptions r)
    {
        string family = r.Family switch { RestrictFamily.IPv4 => "-4 ", RestrictFamily.IPv6 => "-6 ", _ => "" };
        string target = r.Target switch
        {
            RestrictTarget.Default => "default",
            RestrictTarget.Source => "source",
            _ => $"{r.Address}/{r.PrefixLength}",
        };
        var flags = RestrictParser.Flags.Where(f => r.Flags.HasFlag(f.Value)).Select(f => f.Key);
        return $"restrict {family}{target} {string.Join(' ', flags)}".TrimEnd();
    }

    private static void AppendIfSet(StringBuilder text, string directive, string? value)
    {
        if (value is not null)
        {
            text.AppendLine($"{directive} {value}");
        }
    }

    private static void AppendTuning(StringBuilder text, string directive, List<TuningValue> values)
    {
        if (values.Count > 0)
        {
            var pairs = values.Select(v => $"{v.Key} {v.Value.ToString(CultureInfo.InvariantCulture)}");
            text.AppendLine($"{directive} {string.Join(' ', pairs)}");
        }
    }
}
