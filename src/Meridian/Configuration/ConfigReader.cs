namespace Meridian.Configuration;

/// <summary>
/// One reading of a configuration: the lines of the file and of the files it includes, in order,
/// into one <see cref="MeridianOptions"/>. A bad line is recorded and reading goes on, so every
/// error is reported at once; <see cref="Finish"/> throws them together, or adds the warnings that
/// need the whole file (a rate limit nobody gets, statistics without a directory, the LOCAL driver).
/// </summary>
internal sealed class ConfigReader(MeridianOptions options)
{
    private readonly List<ConfigException> _errors = [];
    private readonly List<string> _including = [];
    private readonly HashSet<string> _warnedDirectives = new(StringComparer.Ordinal);
    private string? _limitWarning;
    private ConfigLine? _firstStatistics;
    private ConfigLine? _firstInterface;
    private ConfigLine? _firstListen;
    private (ConfigLine Line, string Host)? _localDriver;
    private ConfigLine? _firstNts;
    private ConfigLine? _leapSmear;

    public MeridianOptions Options { get; } = options;

    /// <summary>From <c>fudge 127.127.1.U stratum S</c>.</summary>
    public int? LocalDriverStratum { get; set; }

    public void ReadText(string text, string file)
    {
        _including.Add(Path.GetFullPath(file));
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string content = lines[i].Split('#', 2)[0];
            string[] tokens = content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0)
            {
                continue;
            }

            var line = new ConfigLine(file, i + 1, tokens);
            try
            {
                ConfigParser.Apply(line, this);
                _limitWarning ??= ConfigParser.SetsPerClientLimit(tokens) ? line.Warning($"'{tokens[0]}' limits nothing: no 'restrict' line says 'limited' (limiting is on only for the addresses of a 'restrict ... limited' rule, e.g. 'restrict default kod limited nomodify notrap nopeer noquery')") : null;
            }
            catch (ConfigException e)
            {
                _errors.AddRange(e.Errors);
            }
        }

        _including.RemoveAt(_including.Count - 1);
    }

    /// <summary>
    /// <c>includefile PATH</c>: a file, or every <c>*.conf</c> file of a directory in name order (as
    /// NTPsec); a relative path is taken from the including file's directory. At most
    /// <see cref="ConfigParser.MaxIncludeDepth"/> levels; a file that includes itself, directly or
    /// not, is refused.
    /// </summary>
    public void Include(ConfigLine line, string path)
    {
        string including = _including[^1];
        string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(including) ?? "/", path));
        if (_including.Count > ConfigParser.MaxIncludeDepth)
        {
            throw line.Error($"'includefile {path}': includes nest deeper than {ConfigParser.MaxIncludeDepth} levels");
        }

        IEnumerable<string> files = Directory.Exists(full)
            ? Directory.EnumerateFiles(full, "*.conf").Order(StringComparer.Ordinal)
            : [full];
        foreach (string file in files)
        {
            if (_including.Contains(file))
            {
                throw line.Error($"'includefile {path}' is a loop: {string.Join(" includes ", _including.Append(file))}");
            }

            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw line.Error($"'includefile {path}': cannot read {file}: {e.Message}");
            }

            ReadText(text, file);
        }
    }

    /// <summary>One warning per ignored directive, at its first line.</summary>
    public void WarnOnce(ConfigLine line)
    {
        if (_warnedDirectives.Add(line.Directive))
        {
            Options.Warnings.Add(IgnoredDirectives.Warning(line));
        }
    }

    public void NoteStatistics(ConfigLine line) => _firstStatistics ??= line;

    public void NoteInterface(ConfigLine line) => _firstInterface ??= line;

    public void NoteListen(ConfigLine line) => _firstListen ??= line;

    public void NoteLocalDriver(ConfigLine line, string host) => _localDriver ??= (line, host);

    public void NoteNts(ConfigLine line) => _firstNts ??= line;

    public void NoteLeapSmear(ConfigLine line) => _leapSmear = line;

    /// <summary>
    /// A smearing server serves time up to half a second off UTC on purpose: never in the NTP Pool (refused
    /// with a pool of the NTP Pool's zone), never with the kernel discipline (the smear is in the served clock),
    /// and always with a loud warning.
    /// </summary>
    private void CheckLeapSmear()
    {
        if (_leapSmear is not ConfigLine line)
        {
            return;
        }

        if (Options.Upstreams.FirstOrDefault(u => u.Kind == UpstreamKind.Pool && IsNtpPoolZone(u.Host)) is UpstreamOptions pool)
        {
            _errors.Add(line.Error($"'leapsmear' with 'pool {pool.Host}': a smearing server serves deliberately wrong time during a leap and must not be part of the NTP Pool; remove 'leapsmear' (the default announces the leap as NTP defines it)"));
        }

        if (Options.Enable.Contains("kernel"))
        {
            _errors.Add(line.Error("'leapsmear' cannot be combined with 'enable kernel': the smear is applied to the software served clock, and the kernel would insert the leap itself"));
        }

        Options.Warnings.Add(line.Warning("LEAP SMEARING IS ON: during a leap second this server serves time up to 0.5 s away from UTC on purpose, with leap indicator 0; only for a private fleet whose every client uses smearing servers alone; never for the NTP Pool or public clients"));
    }

    internal static bool IsNtpPoolZone(string host) =>
        host.Equals("pool.ntp.org", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".pool.ntp.org", StringComparison.OrdinalIgnoreCase);

    public MeridianOptions Finish()
    {
        if (_firstInterface is not null && _firstListen is not null)
        {
            _errors.Add(_firstInterface.Error($"'{_firstInterface.Directive}' and 'listen' lines cannot be combined ('listen' at {_firstListen.Location}): 'listen' names the exact addresses to serve, 'interface' chooses among the host's addresses"));
        }

        if (_firstNts is not null && (Options.Nts.ServerCertificate is null) != (Options.Nts.ServerKey is null))
        {
            _errors.Add(_firstNts.Error("'ntsservercert' and 'ntsserverkey' go together: the NTS-KE server needs both the certificate and its key"));
        }

        CheckLeapSmear();
        if (_errors.Count > 0)
        {
            throw new ConfigException(_errors);
        }

        if (_limitWarning is not null && !Options.Restrictions.Any(r => r.Flags.HasFlag(RestrictFlags.Limited)))
        {
            Options.Warnings.Insert(0, _limitWarning);
        }

        if (_firstStatistics is not null && Options.StatsDir is null && Options.FileGens.Any(f => f.Enabled && f.IsWritten))
        {
            Options.Warnings.Add(_firstStatistics.Warning("statistics are enabled but no 'statsdir' is set: no statistics files are written (add e.g. 'statsdir /var/log/ntpstats/')"));
        }

        if (_localDriver is var (line, host))
        {
            int served = (LocalDriverStratum ?? LocalClockDriver.DefaultDriverStratum) + 1;
            Options.LocalStratum ??= served;
            Options.Warnings.Add(LocalClockDriver.Warning(line, host, Options.LocalStratum.Value));
        }

        return Options;
    }
}
