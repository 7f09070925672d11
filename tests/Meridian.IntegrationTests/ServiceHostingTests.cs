using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Meridian.IntegrationTests;

/// <summary>
/// Running as a service without systemd as PID 1: the privilege drop of 'user'/--user proven from
/// /proc while port 123 keeps answering a real client, and the sd_notify sequence systemd would see,
/// received on a socket of the test's own named by NOTIFY_SOCKET.
/// </summary>
public class ServiceHostingTests
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public void DropsEveryThreadToTheUser_WithNoCapabilities_WhileAnsweringOnPort123()
    {
        string uid = ExternalTool.Run(ExternalTool.Require("id"), ["-u", "nobody"], ClientTimeout).Output.Trim();
        string config = MeridianServer.ConfigFile("local stratum 1\n");
        using var ns = new NetworkNamespace();
        using var server = MeridianServer.Start(ns, "serve", "--config", config, "--listen", "127.0.0.1:123", "--user", "nobody");
        Assert.False(server.HasExited, server.Log);
        Assert.True(server.WaitForLog("running as nobody", TimeSpan.FromSeconds(10)), server.Log);

        var answer = ns.Run(ExternalTool.Require("ntpdig"), ClientTimeout, "-t", "3", "127.0.0.1");

        Assert.True(answer.ExitCode == 0, answer.All + "\n" + server.Log);
        foreach (string status in ThreadStatuses(server.ProcessId))
        {
            Assert.Matches($@"Uid:\s+{uid}\s+{uid}\s+{uid}\s+{uid}", status);
            Assert.Matches(@"Groups:\s*$", Regex.Match(status, "Groups:.*$", RegexOptions.Multiline).Value);
            Assert.Equal("0000000000000000", Field(status, "CapEff"));
            Assert.Equal("0000000000000000", Field(status, "CapPrm"));
        }

        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void RefusesToStart_ForAnUnknownUser()
    {
        string config = MeridianServer.ConfigFile("local stratum 1\n");
        using var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0", "--user", "no-such-user-meridian");

        Assert.Equal(1, server.WaitForExit());
        Assert.Contains("user no-such-user-meridian: no such user", server.Log);
    }

    [Fact]
    public void TellsSystemdReadyStatusWatchdogReloadingAndStopping()
    {
        string path = Path.Combine(Path.GetTempPath(), $"meridian-notify-{Guid.NewGuid():N}.sock");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { ReceiveTimeout = 15_000 };
        systemd.Bind(new UnixDomainSocketEndPoint(path));
        try
        {
            string config = MeridianServer.ConfigFile("local stratum 3\n");
            var environment = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = path, ["WATCHDOG_USEC"] = "1000000" };
            using var server = MeridianServer.StartCommand(null, MeridianServer.Command("serve", "--config", config, "--listen", "127.0.0.1:0"), environment);

            string ready = Receive(systemd, m => m.StartsWith("READY=1", StringComparison.Ordinal));
            Assert.Contains("STATUS=not synchronized to an upstream; clients get the local clock at stratum 3", ready);
            Assert.Contains($"MAINPID={server.ProcessId}", ready);
            Receive(systemd, m => m == "WATCHDOG=1");
            Receive(systemd, m => m == "WATCHDOG=1");

            server.Signal("HUP");
            Receive(systemd, m => m == "RELOADING=1");
            Receive(systemd, m => m.StartsWith("READY=1", StringComparison.Ordinal));

            server.Signal("TERM");
            Receive(systemd, m => m == "STOPPING=1");
            Assert.Equal(0, server.WaitForExit());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Receive(Socket socket, Func<string, bool> wanted)
    {
        byte[] buffer = new byte[4096];
        var seen = new List<string>();
        while (true)
        {
            int length;
            try
            {
                length = socket.Receive(buffer);
            }
            catch (SocketException)
            {
                Assert.Fail("no such notification; got: " + string.Join(" | ", seen));
                throw;
            }

            string message = Encoding.UTF8.GetString(buffer, 0, length);
            if (wanted(message))
            {
                return message;
            }

            seen.Add(message);
        }
    }

    private static IEnumerable<string> ThreadStatuses(int pid) =>
        Directory.GetDirectories($"/proc/{pid}/task").Select(task => File.ReadAllText(Path.Combine(task, "status")));

    private static string Field(string status, string name) => Regex.Match(status, $@"{name}:\s+(\S+)").Groups[1].Value;
}
