using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Meridian.Configuration;
using Meridian.Control;
using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Hosting;
using Meridian.Net;
using Meridian.Net.Nts;

namespace Meridian.Commands.Serve;

/// <summary><c>meridian serve</c>: synchronizes and serves in the foreground until SIGINT or SIGTERM; SIGHUP reloads.</summary>
public static class ServeCommand
{
    public const int ExitStartFailed = 1;

    private static readonly TimeSpan DriftWriteInterval = TimeSpan.FromHours(1);

    public static Command Build()
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
        serve.SetAction(result => CommandLine.WithConfigErrors(() =>
        {
            ServeOptions? serveOptions = ServeOptions.TryCreate(
                result.GetValue(config), result.GetValue(listen) ?? [], result.GetValue(workers), result.GetValue(user), out string problem);
            if (serveOptions is null)
            {
                ConsoleLog.Error(problem);
                return CommandLine.ExitUsage;
            }

            MeridianOptions options = ConfigLoader.Load(serveOptions.ConfigFile);
            options.User = serveOptions.User ?? options.User;
            return Run(options, serveOptions.Listen, serveOptions.Workers);
        }));
        return serve;
    }

    public static int Run(MeridianOptions options, IReadOnlyList<IPEndPoint> listenOverride, int workers)
    {
        IReadOnlyList<IPEndPoint> listen = ListenSet(options, listenOverride);
        bool isDefaultListen = listenOverride.Count == 0 && options.Listen.Count == 0 && options.Interfaces.Count == 0;
        sbyte precision = RealtimeClock.MeasurePrecision();
        var state = new ServerStateCell(ServerState.Unsynchronized(precision));
        string socketPath = options.ControlSocket ?? ControlDefaults.SocketPath;

        using var stop = new StopSignal();
        using var hangup = new HangupSignal();
        using var ignored = new IgnoredSignals(ConsoleLog.Info);
        if (!StartLogging(options, listenOverride.Count > 0, listen.Count))
        {
            return ExitStartFailed;
        }

        ClockMode mode = ChooseClockMode(options);
        var synchronizer = new Synchronizer(SyncConfiguration.From(options, ReadDrift(options.DriftFile), precision, mode.IsKernel), new SystemEntropy());
        using StatisticsWriter? statistics = StatisticsWriter.Create(options, ConsoleLog.Warn, ConsoleLog.Info);
        if (!TryLoadNtsTrust(options, out System.Security.Cryptography.X509Certificates.X509Certificate2Collection? ntsTrust))
        {
            return ExitStartFailed;
        }

        using var sync = new SyncLoop(synchronizer, mode, state, ConsoleLog.Info) { StepObserver = statistics is null ? null : statistics.Record, Warn = ConsoleLog.Warn, NtsTrustedCertificates = ntsTrust };
        LogStatistics(options, statistics);
        string? leapPath = LeapFileSource.PathFor(options);
        sync.LoadLeapFile(LeapFileSource.Load(leapPath, ConsoleLog.Warn), leapPath);
        ServingEngine engine;
        ControlServer control;
        using NtsServing? nts = StartNts(options);
        try
        {
            engine = StartEngine(listen, isDefaultListen, state, ServingConfiguration.PolicyFactory(options, workers, nts), workers, options.MaxRequestAge);
        }
        catch (ListenException e)
        {
            ConsoleLog.Error(e.Message);
            return ExitStartFailed;
        }

        using (engine)
        {
            if (!TryStartNtsKe(options, engine.LocalEndPoints.Distinct().ToList(), nts, out NtsKeHost? ntsKe))
            {
                return ExitStartFailed;
            }

            using var ntsKeLifetime = ntsKe;
            var reload = new LiveReload(options.Source == DefaultConfiguration.Name ? null : options.Source, options, workers, listenOverride.Count > 0, engine, sync, ntsKe);
            List<string> listening = engine.LocalEndPoints.Distinct().Select(ListenAddress.Format).ToList();
            var status = new StatusSource(sync, state, engine, socketPath, listening, ntsKe);
            try
            {
                control = ControlServer.Start(socketPath, status.Report, status.Clients, () => reload.Reload("meridian reload"));
            }
            catch (ControlSocketException e)
            {
                ConsoleLog.Error(e.Message);
                return ExitStartFailed;
            }

            using (control)
            using (Monitoring? monitoring = Monitoring.Start(options.Metrics, status, control, engine.LocalEndPoints))
            {
                if (monitoring is null || !DropPrivileges(options.User, mode, socketPath))
                {
                    return ExitStartFailed;
                }

                sync.Start();
                int lowered = engine.PutServingFirst();
                ConsoleLog.Info($"serving first: {lowered} other threads scheduled below the serving workers");
                ServiceSupervisor supervisor = Supervisor(engine, sync, status.Served);
                hangup.OnHangup(() => supervisor.Reloading(() => reload.Reload("SIGHUP")));
                LogStarted(options, mode, socketPath, listening, engine.LocalEndPoints.Count);
                SpinWait.SpinUntil(() => sync.Iterations > 0, TimeSpan.FromSeconds(5));
                supervisor.Ready();
                RunUntilStopped(stop, sync, engine, options.DriftFile, supervisor);
                supervisor.Stopping();
                ConsoleLog.Info($"stopping on {stop.Received}");
                LogCounters(engine.Counters());
            }
        }

        return 0;
    }

    /// <summary>
    /// NTS: with <c>ntsservercert</c> and <c>ntsserverkey</c>, NTS on the NTP port (master keys,
    /// cookies, the authenticated replies) and the NTS-KE server on <c>ntsport</c> of the NTP addresses,
    /// which issues its cookies from the same key ring. Null when NTS is not configured.
    /// </summary>
    /// <summary>The <c>ntstrustedcerts</c> anchors for <c>nts</c> upstreams (read at start; null: the system store); false, with the reason logged, when a path gives no certificate.</summary>
    private static bool TryLoadNtsTrust(MeridianOptions options, out System.Security.Cryptography.X509Certificates.X509Certificate2Collection? trust)
    {
        try
        {
            trust = NtsTrustStore.Load(options.Nts.TrustedCertificates);
            return true;
        }
        catch (NtsCertificateException e)
        {
            ConsoleLog.Error(e.Message);
            trust = null;
            return false;
        }
    }

    private static NtsServing? StartNts(MeridianOptions options) =>
        options.Nts.ServerEnabled ? NtsServing.Start(options, ConsoleLog.Warn, ConsoleLog.Info) : null;

    /// <summary>
    /// The NTS-KE server, its cookies from <paramref name="nts"/>. False (logged) when the
    /// certificate does not load or the port is taken.
    /// </summary>
    private static bool TryStartNtsKe(MeridianOptions options, IReadOnlyList<IPEndPoint> ntpListen, NtsServing? nts, out NtsKeHost? ntsKe)
    {
        ntsKe = null;
        if (nts is null)
        {
            return true;
        }

        try
        {
            ntsKe = NtsKeHost.Start(options, ntpListen, nts.Issuer, nts.Keys);
        }
        catch (Exception e) when (e is NtsCertificateException or ListenException)
        {
            ConsoleLog.Error($"NTS-KE: {e.Message}");
            return false;
        }

        if (ntsKe is not null)
        {
            NtsKeStatus started = ntsKe.Status();
            ConsoleLog.Info($"NTS-KE on TCP {string.Join(", ", started.Listening)} (TLS 1.3, ALPN ntske/1) with {started.CertificateSubject}, valid to {started.CertificateNotAfterUtc} UTC");
        }

        return true;
    }

    /// <summary>The addresses to serve: --listen, else the 'interface' rules over this host's addresses, else 'listen' lines or the defaults.</summary>
    private static IReadOnlyList<IPEndPoint> ListenSet(MeridianOptions options, IReadOnlyList<IPEndPoint> listenOverride) =>
        listenOverride.Count > 0 ? listenOverride
        : options.Interfaces.Count > 0 ? InterfaceSelection.Resolve(options.Interfaces, LocalInterfaces.Read(), options.Warnings)
        : options.EffectiveListen;

    /// <summary>Opens the log file and logs the configuration's warnings; false (logged) when no address is left to serve.</summary>
    private static bool StartLogging(MeridianOptions options, bool listenOverridden, int addresses)
    {
        if (ConsoleLog.UseFile(options.LogFile) is string logProblem)
        {
            ConsoleLog.Warn($"{logProblem}; logging to standard error only");
        }

        options.Warnings.ForEach(ConsoleLog.Warn);
        if (options.Interfaces.Count > 0 && listenOverridden)
        {
            ConsoleLog.Info("--listen overrides the 'interface' lines (as ntpd's -I and -L do)");
        }

        if (addresses == 0)
        {
            ConsoleLog.Error("the 'interface' lines leave no address to listen on");
            return false;
        }

        return true;
    }

    /// <summary>The start-up lines; "listening on" is the one tests and operators wait for.</summary>
    private static void LogStarted(MeridianOptions options, ClockMode mode, string socketPath, List<string> listening, int workers)
    {
        ConsoleLog.Info($"configuration {options.Source}; {options.Upstreams.Count} upstream lines; control socket {socketPath}");
        ConsoleLog.Info(mode.IsKernel
            ? "clock discipline: kernel (adjtimex): the system clock itself is corrected"
            : "clock discipline: software: the system clock is left alone, the served clock is corrected");
        ConsoleLog.Info($"listening on {string.Join(", ", listening)}");
        ConsoleLog.Info($"{workers} serving workers (recvmmsg with kernel timestamps)");
    }

    /// <summary>systemd's view of the server, watching every serving loop and the sync loop.</summary>
    private static ServiceSupervisor Supervisor(ServingEngine engine, SyncLoop sync, Func<ServedState> served)
    {
        TimeSpan? ping = LoopWatchdog.Interval(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), Environment.GetEnvironmentVariable("WATCHDOG_PID"), Environment.ProcessId);
        var watchdog = new LoopWatchdog([.. engine.Heartbeats, ("sync", () => sync.Iterations)]);
        return new ServiceSupervisor(SystemdNotifier.FromEnvironment(), watchdog, ping, served);
    }

    /// <summary>The main thread's periodic work until SIGINT/SIGTERM: the watchdog and STATUS, the drift file hourly.</summary>
    private static void RunUntilStopped(StopSignal stop, SyncLoop sync, ServingEngine engine, string? driftFile, ServiceSupervisor supervisor)
    {
        var sinceDrift = Stopwatch.StartNew();
        while (!stop.Wait(supervisor.TickInterval))
        {
            // Threads started since (the runtime's timer and pool threads) may carry a real-time policy glibc cached in their creator.
            engine.PutServingFirst();

            foreach (string loop in supervisor.Tick())
            {
                ConsoleLog.Error($"{loop} has not gone round since the last check: withholding the watchdog ping");
            }

            if (sinceDrift.Elapsed >= DriftWriteInterval)
            {
                SaveDrift(driftFile, sync.Snapshot);
                sinceDrift.Restart();
            }
        }

        SaveDrift(driftFile, sync.Snapshot);
    }

    /// <summary>
    /// <c>user NAME</c>: once the sockets are bound, every thread becomes NAME (keeping only
    /// CAP_SYS_TIME for the kernel discipline); the control socket is handed to the user so it can
    /// remove it at the end. False (logged) when the user is unknown or the kernel refuses.
    /// </summary>
    private static bool DropPrivileges(string? user, ClockMode mode, string socketPath)
    {
        if (user is null)
        {
            return true;
        }

        if (!ProcessCredentials.TryLookUp(user, out uint uid, out uint gid))
        {
            ConsoleLog.Error($"user {user}: no such user");
            return false;
        }

        if (!ProcessCredentials.TryChangeOwner(socketPath, uid, gid))
        {
            ConsoleLog.Warn($"cannot hand the control socket {socketPath} to {user}: it stays root's");
        }

        if (!ProcessCredentials.TryDrop(uid, gid, keepSysTime: mode.IsKernel, out string reason))
        {
            ConsoleLog.Error($"cannot run as {user}: {reason}");
            return false;
        }

        ConsoleLog.Info($"running as {user} (uid {uid}, gid {gid}){(mode.IsKernel ? " with CAP_SYS_TIME only" : " without capabilities")}");
        return true;
    }

    private static void LogStatistics(MeridianOptions options, StatisticsWriter? statistics)
    {
        if (statistics is null)
        {
            return;
        }

        string sets = string.Join(", ", options.FileGens.Where(f => f.Enabled && f.IsWritten).Select(f => $"{f.Name} ({f.File}, type {f.Type.ToString().ToLowerInvariant()})"));
        ConsoleLog.Info($"statistics: writing {sets} under {options.StatsDir}");
        if (!Directory.Exists(options.StatsDir))
        {
            ConsoleLog.Warn($"statistics: statsdir {options.StatsDir} does not exist (Meridian does not create it, as ntpd does not); nothing is written until it does");
        }
    }

    /// <summary>ntpd's <c>enable kernel</c> asks for the kernel discipline; without CAP_SYS_TIME it falls back to software.</summary>
    private static ClockMode ChooseClockMode(MeridianOptions options)
    {
        if (!options.Enable.Contains("kernel"))
        {
            return ClockMode.Software;
        }

        ClockMode? kernel = ClockMode.TryKernel(out string reason);
        if (kernel is null)
        {
            ConsoleLog.Warn($"'enable kernel': {reason}; using the software clock correction instead");
        }

        return kernel ?? ClockMode.Software;
    }

    private static double? ReadDrift(string? path)
    {
        if (path is null)
        {
            return null;
        }

        double? ppm = DriftFile.Read(path, out string? problem);
        if (problem is not null)
        {
            ConsoleLog.Warn(problem);
        }

        return ppm;
    }

    /// <summary>Writes the drift file once the frequency is known (measured or loaded).</summary>
    private static void SaveDrift(string? path, SyncSnapshot snapshot)
    {
        if (path is null || snapshot.Discipline != DisciplineState.Sync)
        {
            return;
        }

        try
        {
            DriftFile.Write(path, snapshot.FrequencyPpm);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ConsoleLog.Warn($"cannot write drift file {path}: {e.Message}");
        }
    }

    /// <summary>The default listen set skips the IPv6 wildcard on a host without IPv6; explicit addresses never are skipped.</summary>
    private static ServingEngine StartEngine(IReadOnlyList<IPEndPoint> listen, bool isDefaultListen, ServerStateCell state, Func<ServingPolicy> policy, int workers, RequestAge maxRequestAge)
    {
        try
        {
            return ServingEngine.Start(listen, state, policy, workers, maxRequestAge);
        }
        catch (ListenException e) when (isDefaultListen && e.Error == SocketError.AddressFamilyNotSupported)
        {
            ConsoleLog.Warn($"{e.Message}; serving IPv4 only");
            return ServingEngine.Start(listen.Where(l => l.AddressFamily != AddressFamily.InterNetworkV6), state, policy, workers, maxRequestAge);
        }
    }

    private static void LogCounters(ServingCountersSnapshot counters)
    {
        var drops = counters.Drops.Where(d => d.Value > 0).Select(d => $"{d.Key}={d.Value}");
        ConsoleLog.Info($"received {counters.Received}, served {counters.Served}, dropped {counters.DroppedTotal} ({string.Join(", ", drops)})");
    }
}
