using System.Diagnostics;

namespace Meridian.IntegrationTests;

/// <summary>
/// A real chronyd serving <c>local stratum 1</c> on a loopback port; <c>-x</c> keeps it from ever
/// touching the system clock, and it has no command port.
/// </summary>
internal sealed class ChronydServer : IDisposable
{
    private readonly Process _process;

    private ChronydServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <param name="extraConfig">More chrony.conf lines (e.g. NTS); <c>{dir}</c> stands for chronyd's own temporary directory.</param>
    public static ChronydServer Start(string extraConfig = "")
    {
        string chronyd = ExternalTool.Require("chronyd");
        int port = FreePort.Udp();
        string directory = Directory.CreateTempSubdirectory("meridian-it-chronyd-").FullName;
        string config = Path.Combine(directory, "chrony.conf");
        File.WriteAllText(config, $"port {port}\nbindaddress 127.0.0.1\nlocal stratum 1\nallow 127.0.0.1\ncmdport 0\npidfile {directory}/chronyd.pid\n" + extraConfig.Replace("{dir}", directory, StringComparison.Ordinal));
        return new ChronydServer(Run(chronyd, config), port);
    }

    /// <summary>chronyd in the foreground on <paramref name="config"/>, never touching the clock (-x), its output drained.</summary>
    internal static Process Run(string chronyd, string config)
    {
        var start = new ProcessStartInfo(chronyd) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in new[] { "-x", "-d", "-u", "root", "-f", config })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
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
}
