using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Meridian.IntegrationTests;

/// <summary>
/// A real <c>meridian serve</c> process, optionally inside a network namespace. Start waits (bounded)
/// for its "listening on" line; Stop sends SIGTERM and returns the exit code and the full log.
/// </summary>
internal sealed partial class MeridianServer : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ManualResetEventSlim _listening = new();
    private readonly ManualResetEventSlim _exited = new();

    private MeridianServer(Process process)
    {
        _process = process;
    }

    public IReadOnlyList<IPEndPoint> Listening { get; private set; } = [];

    public string Log => string.Join('\n', _log);

    /// <summary>A temporary configuration file; each gets its own control socket unless the text names one.</summary>
    /// <summary>The control socket a configuration file names (<see cref="ConfigFile"/> adds one when the text has none).</summary>
    public static string ControlSocketOf(string config) =>
        File.ReadAllLines(config).Single(l => l.StartsWith("controlsocket", StringComparison.Ordinal)).Split(' ')[1];

    public static string ConfigFile(string text)
    {
        string name = $"meridian-it-{Guid.NewGuid():N}";
        string path = Path.Combine(Path.GetTempPath(), name + ".conf");
        if (!text.Contains("controlsocket"))
        {
            text += $"\ncontrolsocket {Path.Combine(Path.GetTempPath(), name + ".sock")}\n";
        }

        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Starts <c>meridian ARGS</c> and waits until it listens or exits.</summary>
    public static MeridianServer Start(NetworkNamespace? ns, params string[] arguments) => StartWith([], ns, arguments);

    /// <summary>Starts <c>LAUNCHER... meridian ARGS</c> (for example setpriv to drop privileges).</summary>
    public static MeridianServer StartWith(string[] launcher, NetworkNamespace? ns, params string[] arguments) =>
        StartCommand(ns, [.. launcher, .. Command(arguments)]);

    /// <summary>The command line that runs this build's <c>meridian ARGS</c>.</summary>
    public static string[] Command(params string[] arguments) =>
        [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Path.Combine(AppContext.BaseDirectory, "meridian.dll"), .. arguments];

    /// <summary>Starts a whole command line (for example an installed /usr/sbin/meridian) and waits until it listens or exits.</summary>
    public static MeridianServer StartCommand(NetworkNamespace? ns, string[] command, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = ns is null
            ? new ProcessStartInfo(command[0])
            : new ProcessStartInfo(ExternalTool.Require("ip"));
        foreach (string argument in ns is null ? command[1..] : ns.Wrap(command[0], command[1..]))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        var server = new MeridianServer(Process.Start(start)!);
        server.Attach();
        WaitHandle.WaitAny([server._listening.WaitHandle, server._exited.WaitHandle], TimeSpan.FromSeconds(30));
        return server;
    }

    public bool HasExited => _exited.IsSet;

    public int ProcessId => _process.Id;

    /// <summary>Waits (bounded) for a log line containing <paramref name="text"/>; false when none came in time.</summary>
    public bool WaitForLog(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        lock (_log)
        {
            while (!_log.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                TimeSpan left = timeout - deadline.Elapsed;
                if (left <= TimeSpan.Zero || HasExited)
                {
                    return false;
                }

                Monitor.Wait(_log, left < TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500));
            }
        }

        return true;
    }

    public int WaitForExit()
    {
        Assert.True(_exited.Wait(TimeSpan.FromSeconds(30)), $"meridian did not exit:\n{Log}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM (or the given signal) and returns the exit code.</summary>
    public int Stop(string signal = "TERM")
    {
        Assert.False(HasExited, $"meridian exited early:\n{Log}");
        var kill = ExternalTool.Run(ExternalTool.Require("kill"), [$"-{signal}", _process.Id.ToString()], TimeSpan.FromSeconds(5));
        Assert.True(kill.ExitCode == 0, kill.All);
        return WaitForExit();
    }

    /// <summary>Sends a signal and returns at once.</summary>
    public void Signal(string signal)
    {
        var kill = ExternalTool.Run(ExternalTool.Require("kill"), [$"-{signal}", _process.Id.ToString()], TimeSpan.FromSeconds(5));
        Assert.True(kill.ExitCode == 0, kill.All);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Attach()
    {
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _exited.Set();
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            Monitor.PulseAll(_log);
        }

        Match listening = ListeningLine().Match(line);
        if (listening.Success)
        {
            Listening = listening.Groups[1].Value.Split(", ").Select(IPEndPoint.Parse).ToList();
            _listening.Set();
        }
    }

    [GeneratedRegex("listening on (.*)$")]
    private static partial Regex ListeningLine();
}
