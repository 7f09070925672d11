using Meridian.Configuration;
using Meridian.Control;
using Meridian.Net;

namespace Meridian.Hosting;

/// <summary>
/// SIGHUP and <c>meridian reload</c>: re-reads the configuration file and applies what can change
/// while serving — <c>restrict</c>, <c>ratelimit</c>/<c>discard</c> (each serving loop takes its new
/// policy at its next batch, keeping its client table when the size is unchanged), <c>server</c>/<c>pool</c>
/// (handed to the sync thread; unchanged upstreams keep their state), <c>logfile</c> (reopened,
/// for logrotate) the NTS-KE certificate (re-read from its files, renewed or not) and the leap file (re-read every time, so an updated tzdata file is taken up). All or nothing: a file that does not parse, or a log file that cannot be opened,
/// is logged and the running configuration stays. Other changes are logged as needing a restart.
/// Reloads run one at a time; nothing here touches the serving path.
/// </summary>
/// <param name="listenFromCommandLine">Whether <c>--listen</c> overrides the file's <c>listen</c> lines.</param>
public sealed class LiveReload(string? configFile, MeridianOptions started, int workers, bool listenFromCommandLine, ServingEngine engine, SyncLoop sync, NtsKeHost? ntsKe = null)
{
    private readonly Lock _gate = new();
    private readonly MeridianOptions _started = started;
    private MeridianOptions _current = started;

    private string FileName => configFile ?? DefaultConfiguration.Name;

    public ReloadReport Reload(string trigger)
    {
        lock (_gate)
        {
            ReloadReport report = Apply();
            Log(trigger, report);
            return report;
        }
    }

    private ReloadReport Apply()
    {
        MeridianOptions next;
        try
        {
            next = ConfigLoader.Load(configFile);
        }
        catch (ConfigException e)
        {
            // The running log file is still reopened, so logrotate works while the file is being fixed.
            ConsoleLog.UseFile(_current.LogFile);
            return ReloadReport.Failed(FileName, string.Join("; ", e.Errors.Select(error => error.Message)));
        }

        if (ConsoleLog.UseFile(next.LogFile) is string problem)
        {
            return ReloadReport.Failed(FileName, problem);
        }

        // The certificate is re-read at every reload (a renewal keeps the file names); one that does
        // not load fails the reload as a bad file does, and the running certificate stays.
        if (ntsKe?.Reload(next.Nts) is string ntsProblem)
        {
            return ReloadReport.Failed(FileName, ntsProblem);
        }

        engine.Reconfigure(ServingConfiguration.Reconfigure(next, workers));
        sync.Reconfigure(SyncConfiguration.Upstreams(next));
        string? leapPath = LeapFileSource.PathFor(next);
        sync.LoadLeapFile(LeapFileSource.Load(leapPath, ConsoleLog.Warn), leapPath);
        IReadOnlyList<string> live = ConfigChanges.Between(_current, next).Live;
        _current = next;

        // Settings that need a restart are compared with what the process started with, so a
        // second reload still says so while the process runs with the old value.
        IEnumerable<string> needRestart = ConfigChanges.Between(_started, next).NeedRestart
            .Concat(ConfigChanges.Between(_started, next).Live.Where(c => !AppliesLive(c)));
        return new ReloadReport(FileName, live.Where(AppliesLive).ToList(), needRestart.Select(Annotate).ToList());
    }

    private string Annotate(string change) =>
        listenFromCommandLine && change[2..].StartsWith("listen ", StringComparison.Ordinal)
            ? change + " (--listen on the command line overrides the file's listen lines)"
            : change;

    /// <summary>Without an NTS-KE server running, a new certificate line starts nothing until a restart.</summary>
    private bool AppliesLive(string change) => ntsKe is not null || !change[2..].StartsWith("ntsserver", StringComparison.Ordinal);

    private static void Log(string trigger, ReloadReport report)
    {
        if (report.Failure is string failure)
        {
            ConsoleLog.Error($"reload on {trigger} failed: {failure}; the running configuration is unchanged");
            return;
        }

        ConsoleLog.Info($"reloaded {report.File} on {trigger}: {Summary(report)}");
        foreach (string change in report.Applied)
        {
            ConsoleLog.Info($"reload applied: {change}");
        }

        foreach (string change in report.NeedRestart)
        {
            ConsoleLog.Warn($"reload: needs a restart to take effect: {change}");
        }
    }

    public static string Summary(ReloadReport report) =>
        report.Applied.Count == 0 && report.NeedRestart.Count == 0 ? "no changes"
        : $"{report.Applied.Count} changes applied, {report.NeedRestart.Count} need a restart";
}
