using System.Diagnostics;

namespace Meridian.IntegrationTests;

/// <summary>
/// A real chronyd (4.3 on Debian 12) as an interleaved-mode client (<c>xleave</c>) of a loopback
/// server, polling every 0.25 s; <c>-x</c> keeps it from touching the system clock. Its command
/// socket is a Unix socket in a private directory, for <c>chronyc ntpdata</c>.
/// </summary>
internal sealed class ChronydXleaveClient : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly string _directory;

    private ChronydXleaveClient(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    private string CommandSocket => Path.Combine(_directory, "chronyd.sock");

    public static ChronydXleaveClient Start(int serverPort)
    {
        string chronyd = ExternalTool.Require("chronyd");
        ExternalTool.Require("chronyc");
        string directory = Directory.CreateTempSubdirectory("meridian-it-xleave-").FullName; // 0700: chronyd refuses a socket directory others can write
        string config = Path.Combine(directory, "chrony.conf");
        File.WriteAllText(config, $"server 127.0.0.1 port {serverPort} xleave minpoll -2 maxpoll -2\nport 0\ncmdport 0\nbindcmdaddress {directory}/chronyd.sock\npidfile {directory}/chronyd.pid\n");
        return new ChronydXleaveClient(ChronydServer.Run(chronyd, config), directory);
    }

    /// <summary><c>chronyc ntpdata</c>: the last exchange with the server (empty until there is one).</summary>
    public string NtpData() => ExternalTool.Run("chronyc", ["-h", CommandSocket, "ntpdata"], CommandTimeout).All;

    /// <summary>Asks until the last exchange was interleaved (at most <paramref name="timeout"/>); returns the last answer.</summary>
    public string WaitForInterleaved(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        string data = NtpData();
        while (!data.Contains("Interleaved     : Yes", StringComparison.Ordinal) && deadline.Elapsed < timeout)
        {
            Thread.Sleep(250); // polling a condition with a deadline
            data = NtpData();
        }

        return data;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
