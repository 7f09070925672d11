using Meridian.Core.Leap;

namespace Meridian.Configuration;

/// <summary>
/// Reads the ntp.conf dialect: one directive per line, <c>#</c> starts a comment, <c>includefile</c>
/// splices in another file (or a directory's <c>*.conf</c> files). Every known directive is parsed
/// and kept in <see cref="MeridianOptions"/>; ntpd directives Meridian does not act on are accepted
/// with a warning; an unknown directive or a bad argument is an error. All errors of the file (and
/// its includes) are collected and thrown together as one <see cref="ConfigException"/>.
/// </summary>
public static class ConfigParser
{
    /// <summary>The bounds of <c>maxrequestage</c> in milliseconds: below 1 ms a descheduled thread drops everything; past 1 s a reply is useless anyway.</summary>
    public const double RequestAgeMinMs = 1;
    public const double RequestAgeMaxMs = 1000;

    /// <summary>ntpd's limit: include files nest at most this deep.</summary>
    public const int MaxIncludeDepth = 5;

    private static readonly Dictionary<string, TuningRange> TosKeys = new()
    {
        ["orphan"] = new(1, 15, WholeNumbers: true), ["orphanwait"] = new(0, 86400), ["minsane"] = new(1, 16, WholeNumbers: true), ["minclock"] = new(1, 16, WholeNumbers: true),
        ["maxclock"] = new(1, 64, WholeNumbers: true), ["mindist"] = new(0, 16), ["maxdist"] = new(0, 16), ["ceiling"] = new(1, 16, WholeNumbers: true),
        ["floor"] = new(0, 15, WholeNumbers: true),
    };

    private static readonly Dictionary<string, TuningRange> TinkerKeys = new()
    {
        ["panic"] = new(0, 86400), ["step"] = new(0, 86400), ["stepout"] = new(0, 86400), ["dispersion"] = new(0, 1e6),
        ["allan"] = new(0, 1e6), ["huffpuff"] = new(0, 1e6), ["freq"] = new(-500, 500),
    };

    private static readonly Dictionary<string, TuningRange> DiscardKeys = new()
    {
        ["average"] = new(0, 17, WholeNumbers: true), ["minimum"] = new(0, 86400), ["monitor"] = new(0, 1e6),
    };

    /// <summary>
    /// <c>leak</c> is a power of two (1 in 2^16 is as good as none); <c>table</c> at most 2^24 clients
    /// (512 MiB per listen address); a client network wider than /16 (IPv4) or /32 (IPv6) would let
    /// one spoofed address silence a whole provider.
    /// </summary>
    private static readonly Dictionary<string, TuningRange> RateLimitKeys = new()
    {
        ["interval"] = new(1, 86400), ["burst"] = new(1, 1e6, WholeNumbers: true), ["leak"] = new(0, 16, WholeNumbers: true), ["table"] = new(1, 1 << 24, WholeNumbers: true),
        ["prefix4"] = new(16, 32, WholeNumbers: true), ["prefix6"] = new(32, 64, WholeNumbers: true), ["global-pps"] = new(0, 1e9),
    };

    /// <summary>The <c>ratelimit</c> keys that act only on clients a <c>limited</c> rule covers (<c>global-pps</c> acts on all).</summary>
    private static readonly HashSet<string> PerClientRateLimitKeys = ["interval", "burst", "leak", "table", "prefix4", "prefix6"];

    private static readonly HashSet<string> SystemFlags =
        ["auth", "bclient", "calibrate", "kernel", "mode7", "monitor", "ntp", "pps", "stats"];

    /// <summary>The directives Meridian acts on (or refuses with a reason), for the "did you mean" hint.</summary>
    public static readonly IReadOnlyList<string> ActiveDirectives =
    [
        "server", "pool", "peer", "refclock", "restrict", "driftfile", "leapfile", "leapsmear", "logfile", "controlsocket", "user", "local", "listen", "metrics",
        "tos", "tinker", "discard", "ratelimit", "enable", "disable", "includefile", "statsdir", "statistics", "filegen", "interface", "nic",
        "ntsdumpdir", "ntsrotate", "maxrequestage", .. NtsParser.Directives,
    ];

    /// <summary>Every directive this parser accepts (or refuses with a reason).</summary>
    public static IEnumerable<string> KnownDirectives => ActiveDirectives.Concat(IgnoredDirectives.Reasons.Keys);

    /// <summary>Parses <paramref name="text"/> as the contents of <paramref name="file"/> (relative <c>includefile</c> paths are resolved from its directory).</summary>
    public static MeridianOptions Parse(string text, string file)
    {
        var reader = new ConfigReader(new MeridianOptions { Source = file });
        reader.ReadText(text, file);
        return reader.Finish();
    }

    internal static void Apply(ConfigLine line, ConfigReader reader)
    {
        MeridianOptions options = reader.Options;
        switch (line.Directive)
        {
            case "server": ParseServer(line, reader); break;
            case "pool": options.Upstreams.Add(UpstreamParser.Parse(line, UpstreamKind.Pool)); break;
            case "peer":
                throw line.Error("'peer' (symmetric mode) is not supported: Meridian never creates peer associations; use 'server'");
            case "refclock":
                throw line.Error("'refclock' is not supported: Meridian has no reference clock drivers; for a free-running local clock use 'local stratum N'");
            case "restrict": options.Restrictions.Add(RestrictParser.Parse(line, options.Warnings)); break;
            case "driftfile": options.DriftFile = line.OnlyArgument("a file path"); break;
            case "leapfile": options.LeapFile = line.OnlyArgument("a file path"); break;
            case "ntsdumpdir": options.NtsDumpDirectory = line.OnlyArgument("a directory path"); break;
            case "ntsrotate": options.NtsRotateSeconds = ParseNtsRotate(line); break;
            case "leapsmear": options.LeapSmear = ParseLeapSmear(line); reader.NoteLeapSmear(line); break;
            case "logfile": options.LogFile = line.OnlyArgument("a file path"); break;
            case "controlsocket": options.ControlSocket = line.OnlyArgument("a socket path"); break;
            case "user": options.User = line.OnlyArgument("a user name"); break;
            case "metrics": options.Metrics = MetricsParser.Parse(line); break;
            case "local": options.LocalStratum = ParseLocal(line); break;
            case "maxrequestage": options.MaxRequestAgeMs = ParseMaxRequestAge(line); break;
            case "listen": options.Listen.Add(ParseListen(line)); reader.NoteListen(line); break;
            case "tos": options.Tos.AddRange(line.KeyValues(TosKeys)); break;
            case "tinker": options.Tinker.AddRange(line.KeyValues(TinkerKeys)); break;
            case "discard": options.Discard.AddRange(line.KeyValues(DiscardKeys)); break;
            case "ratelimit": options.RateLimit.AddRange(line.KeyValues(RateLimitKeys)); break;
            case "enable": ParseSystemFlags(line, options.Enable); break;
            case "disable": ParseSystemFlags(line, options.Disable); break;
            case "includefile": reader.Include(line, line.OnlyArgument("a file or directory path")); break;
            case "statsdir": options.StatsDir = line.OnlyArgument("a directory path"); break;
            case "statistics": StatisticsParser.ParseStatistics(line, options); reader.NoteStatistics(line); break;
            case "filegen": StatisticsParser.ParseFileGen(line, options); reader.NoteStatistics(line); break;
            case "interface" or "nic": options.Interfaces.Add(InterfaceParser.Parse(line)); reader.NoteInterface(line); break;
            case "fudge": ParseFudge(line, reader); break;
            case var nts when NtsParser.Directives.Contains(nts): NtsParser.Apply(line, reader); break;
            case var ignored when IgnoredDirectives.Reasons.ContainsKey(ignored): reader.WarnOnce(line); break;
            default: throw UnknownDirective(line);
        }
    }

    internal static bool SetsPerClientLimit(IReadOnlyList<string> tokens) =>
        tokens[0] switch
        {
            "ratelimit" => tokens.Skip(1).Any(PerClientRateLimitKeys.Contains),
            "discard" => tokens.Skip(1).Contains("average"),
            _ => false,
        };

    /// <summary><c>ntsrotate SECONDS</c>: 0 (never) or at least a minute, at most ten years.</summary>
    private static long ParseNtsRotate(ConfigLine line)
    {
        long seconds = (long)line.NextNumber("seconds", 0, 315_576_000, wholeNumbers: true);
        line.EndOfLine();
        if (seconds is > 0 and < 60)
        {
            throw line.Error($"ntsrotate {seconds}: rotating NTS keys more often than once a minute would expire clients' cookies within minutes; use 0 (never) or at least 60");
        }

        return seconds;
    }

    private static ConfigException UnknownDirective(ConfigLine line)
    {
        string? hint = DirectiveHint.Nearest(line.Directive, KnownDirectives);
        return line.Error($"unknown directive '{line.Directive}'{(hint is null ? "" : $" (did you mean '{hint}'?)")}");
    }

    /// <summary><c>leapsmear INTERVAL [linear|cosine]</c>: seconds, 10 minutes to a day, centred on the leap.</summary>
    private static LeapSmear ParseLeapSmear(ConfigLine line)
    {
        double interval = line.NextNumber("leapsmear interval (seconds)", 600, 86_400, wholeNumbers: true);
        LeapSmearShape shape = line.Peek() switch
        {
            null or "linear" => LeapSmearShape.Linear,
            "cosine" => LeapSmearShape.Cosine,
            var other => throw line.Error($"'leapsmear': the shape is 'linear' or 'cosine', not '{other}'"),
        };
        if (line.HasMore)
        {
            line.Next("the shape");
        }

        line.EndOfLine();
        return new LeapSmear(interval, shape);
    }

    /// <summary><c>server HOST …</c>; ntpd's LOCAL driver address becomes the local clock, other driver addresses are refused.</summary>
    private static void ParseServer(ConfigLine line, ConfigReader reader)
    {
        string host = line.Peek() ?? "";
        int? driver = LocalClockDriver.DriverType(host);
        if (driver is int type and not 1)
        {
            throw line.Error($"'{host}' is ntpd's reference clock driver type {type}: Meridian has no reference clock drivers (only 127.127.1.U, the LOCAL clock, is understood)");
        }

        UpstreamOptions upstream = UpstreamParser.Parse(line, UpstreamKind.Server);
        if (driver is null)
        {
            reader.Options.Upstreams.Add(upstream);
        }
        else
        {
            reader.NoteLocalDriver(line, host);
        }
    }

    /// <summary><c>fudge ADDRESS …</c>: only the LOCAL driver's <c>stratum</c> means something to Meridian.</summary>
    private static void ParseFudge(ConfigLine line, ConfigReader reader)
    {
        reader.WarnOnce(line);
        string address = line.Next("a reference clock address");
        if (LocalClockDriver.IsLocal(address) && LocalClockDriver.FudgedStratum(line) is int stratum)
        {
            reader.LocalDriverStratum = stratum;
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

    /// <summary><c>maxrequestage MS</c>: how long a request may wait in the receive queue and still be answered, 1–1000 ms.</summary>
    private static double ParseMaxRequestAge(ConfigLine line)
    {
        double milliseconds = line.NextNumber("maxrequestage", RequestAgeMinMs, RequestAgeMaxMs);
        line.EndOfLine();
        return milliseconds;
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
