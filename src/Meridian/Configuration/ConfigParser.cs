namespace Meridian.Configuration;

/// <summary>
/// Reads the ntp.conf dialect: one directive per line, <c>#</c> starts a comment. Every known
/// directive is parsed and kept in <see cref="MeridianOptions"/>, including those whose behaviour
/// arrives later; an unknown directive or a bad argument is a <see cref="ConfigException"/>.
/// </summary>
public static class ConfigParser
{
    private static readonly Dictionary<string, TuningRange> TosKeys = new()
    {
        ["orphan"] = new(1, 15, Integer: true), ["orphanwait"] = new(0, 86400), ["minsane"] = new(1, 16, Integer: true), ["minclock"] = new(1, 16, Integer: true),
        ["maxclock"] = new(1, 64, Integer: true), ["mindist"] = new(0, 16), ["maxdist"] = new(0, 16), ["ceiling"] = new(1, 16, Integer: true),
        ["floor"] = new(0, 15, Integer: true),
    };

    private static readonly Dictionary<string, TuningRange> TinkerKeys = new()
    {
        ["panic"] = new(0, 86400), ["step"] = new(0, 86400), ["stepout"] = new(0, 86400), ["dispersion"] = new(0, 1e6),
        ["allan"] = new(0, 1e6), ["huffpuff"] = new(0, 1e6), ["freq"] = new(-500, 500),
    };

    private static readonly Dictionary<string, TuningRange> DiscardKeys = new()
    {
        ["average"] = new(0, 17, Integer: true), ["minimum"] = new(0, 86400), ["monitor"] = new(0, 1e6),
    };

    /// <summary>
    /// <c>leak</c> is a power of two (1 in 2^16 is as good as none); <c>table</c> at most 2^24 clients
    /// (512 MiB per listen address); a client network wider than /16 (IPv4) or /32 (IPv6) would let
    /// one spoofed address silence a whole provider.
    /// </summary>
    private static readonly Dictionary<string, TuningRange> RateLimitKeys = new()
    {
        ["interval"] = new(1, 86400), ["burst"] = new(1, 1e6, Integer: true), ["leak"] = new(0, 16, Integer: true), ["table"] = new(1, 1 << 24, Integer: true),
        ["prefix4"] = new(16, 32, Integer: true), ["prefix6"] = new(32, 64, Integer: true), ["global-pps"] = new(0, 1e9),
    };

    /// <summary>The <c>ratelimit</c> keys that act only on clients a <c>limited</c> rule covers (<c>global-pps</c> acts on all).</summary>
    private static readonly HashSet<string> PerClientRateLimitKeys = ["interval", "burst", "leak", "table", "prefix4", "prefix6"];

    private static readonly HashSet<string> SystemFlags =
        ["auth", "bclient", "calibrate", "kernel", "mode7", "monitor", "ntp", "pps", "stats"];

    public static MeridianOptions Parse(string text, string file)
    {
        var options = new MeridianOptions { Source = file };
        string[] lines = text.Split('\n');
        string? limitLine = null;
        for (int i = 0; i < lines.Length; i++)
        {
            string content = lines[i].Split('#', 2)[0];
            string[] tokens = content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length > 0)
            {
                var line = new ConfigLine(file, i + 1, tokens);
                Apply(line, options);
                limitLine ??= SetsPerClientLimit(tokens) ? line.Warning($"'{tokens[0]}' limits nothing: no 'restrict' line says 'limited' (limiting is on only for the addresses of a 'restrict ... limited' rule, e.g. 'restrict default kod limited nomodify notrap nopeer noquery')") : null;
            }
        }

        if (limitLine is not null && !options.Restrictions.Any(r => r.Flags.HasFlag(RestrictFlags.Limited)))
        {
            options.Warnings.Insert(0, limitLine);
        }

        return options;
    }

    private static bool SetsPerClientLimit(string[] tokens) =>
        tokens[0] switch
        {
            "ratelimit" => tokens.Skip(1).Any(PerClientRateLimitKeys.Contains),
            "discard" => tokens.Skip(1).Contains("average"),
            _ => false,
        };

    private static void Apply(ConfigLine line, MeridianOptions options)
    {
        switch (line.Directive)
        {
            case "server": options.Upstreams.Add(UpstreamParser.Parse(line, UpstreamKind.Server)); break;
            case "pool": options.Upstreams.Add(UpstreamParser.Parse(line, UpstreamKind.Pool)); break;
            case "peer":
                throw line.Error("'peer' (symmetric mode) is not supported: Meridian never creates peer associations; use 'server'");
            case "restrict": options.Restrictions.Add(RestrictParser.Parse(line, options.Warnings)); break;
            case "driftfile": options.DriftFile = line.OnlyArgument("a file path"); break;
            case "leapfile": options.LeapFile = line.OnlyArgument("a file path"); break;
            case "logfile": options.LogFile = line.OnlyArgument("a file path"); break;
            case "controlsocket": options.ControlSocket = line.OnlyArgument("a socket path"); break;
            case "user": options.User = line.OnlyArgument("a user name"); break;
            case "local": options.LocalStratum = ParseLocal(line); break;
            case "listen": options.Listen.Add(ParseListen(line)); break;
            case "metrics": options.Metrics = MetricsParser.Parse(line); break;
            case "tos": options.Tos.AddRange(line.KeyValues(TosKeys)); break;
            case "tinker": options.Tinker.AddRange(line.KeyValues(TinkerKeys)); break;
            case "discard": options.Discard.AddRange(line.KeyValues(DiscardKeys)); break;
            case "ratelimit": options.RateLimit.AddRange(line.KeyValues(RateLimitKeys)); break;
            case "enable": ParseSystemFlags(line, options.Enable); break;
            case "disable": ParseSystemFlags(line, options.Disable); break;
            default: throw line.Error($"unknown directive '{line.Directive}'");
        }
    }

    /// <summary><c>local</c> (stratum 10, as chrony) or <c>local stratum N</c>.</summary>
    private static int ParseLocal(ConfigLine line)
    {
        int stratum = 10;
        if (line.HasMore)
        {
            string keyword = line.Next("'stratum'");
            stratum = keyword == "stratum" ? line.NextInt("stratum", 1, 15) : throw line.Error($"unknown 'local' option '{keyword}'");
        }

        line.EndOfLine();
        return stratum;
    }

    private static System.Net.IPEndPoint ParseListen(ConfigLine line)
    {
        string text = line.OnlyArgument("an address, ADDR:PORT or [IPv6]:PORT");
        return ListenAddress.TryParse(text, out var endPoint)
            ? endPoint
            : throw line.Error($"'{text}' is not ADDR, ADDR:PORT or [IPv6]:PORT");
    }

    private static void ParseSystemFlags(ConfigLine line, SortedSet<string> set)
    {
        do
        {
            string flag = line.Next("a flag");
            set.Add(SystemFlags.Contains(flag) ? flag : throw line.Error($"unknown '{line.Directive}' flag '{flag}'"));
        }
        while (line.HasMore);
    }
}
