using System.Net;
using System.Net.Sockets;

namespace Meridian.IntegrationTests;

/// <summary><c>meridian serve</c> as a process: clear failures at start and clean stops.</summary>
public class ServeCommandTests
{
    private static readonly string LocalConfig = MeridianServer.ConfigFile("local stratum 1\n");

    [Fact]
    public void ExitsNonZeroWithAClearMessage_WhenThePortIsTaken()
    {
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        string taken = occupant.LocalEndPoint!.ToString()!;

        using var server = MeridianServer.Start(null, "serve", "--config", LocalConfig, "--listen", taken);

        Assert.Equal(1, server.WaitForExit());
        Assert.Contains($"{taken} is already served by another process", server.Log);
    }

    [Fact]
    public void RefusesToStart_WhenAnotherMeridianServesTheAddress_EvenWithWorkersThatShareAPort()
    {
        using var first = MeridianServer.Start(null, "serve", "--config", LocalConfig, "--listen", "127.0.0.1:0", "--workers", "4");
        string taken = first.Listening.Single().ToString();

        using var second = MeridianServer.Start(null, "serve", "--config", MeridianServer.ConfigFile("local stratum 1\n"), "--listen", taken, "--workers", "4");

        Assert.Equal(1, second.WaitForExit());
        Assert.Contains($"{taken} is already served by another process", second.Log);
        Assert.False(first.HasExited);
    }

    [Fact]
    public void RefusesToStart_WhenChronydServesTheAddress()
    {
        using var chronyd = ChronydServer.Start();
        string taken = $"127.0.0.1:{chronyd.Port}";
        WaitUntilBound(chronyd.Port);

        using var server = MeridianServer.Start(null, "serve", "--config", LocalConfig, "--listen", taken, "--workers", "4");

        Assert.Equal(1, server.WaitForExit());
        Assert.Contains($"{taken} is already served by another process", server.Log);
    }

    /// <summary>Waits (bounded) until some socket holds the UDP port: chronyd binds after it starts.</summary>
    private static void WaitUntilBound(int port)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return;
            }

            Thread.Sleep(50);
        }

        Assert.Fail($"chronyd did not bind 127.0.0.1:{port} within 5 s");
    }

    [Fact]
    public void StatusSaysWhatClientsGet_WhenServingTheLocalClockUnsynchronized()
    {
        string config = MeridianServer.ConfigFile("local stratum 10\n");
        string socket = MeridianServer.ControlSocketOf(config);
        using var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0");
        var query = MeridianCli.Run("query", server.Listening.Single().ToString());
        Assert.Contains("stratum 10 refid 127.127.1.1", query.Output);

        var status = MeridianCli.Run("status", "--socket", socket);

        Assert.Contains("state:            unsynchronized; clients get the local clock at stratum 10\n", status.Output);
        Assert.Contains("stratum:          10 (the local clock, reference id 127.127.1.1)\n", status.Output);
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void ExitsNonZeroWithAClearMessage_WhenThePortIsNotPermitted()
    {
        string setpriv = ExternalTool.Require("setpriv");
        using var ns = new NetworkNamespace();
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

        var result = ns.Run(setpriv, TimeSpan.FromSeconds(30), "--reuid=65534", "--regid=65534", "--clear-groups",
            dotnet, Path.Combine(AppContext.BaseDirectory, "meridian.dll"), "serve", "--config", LocalConfig, "--listen", "127.0.0.1:123");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot listen on 127.0.0.1:123: permission denied", result.Error);
    }

    [Fact]
    public void ExitsWithFileLineAndReason_OnABadConfiguration()
    {
        string config = MeridianServer.ConfigFile("server ntp.example.org iburst\n\nsever ntp.example.net\n");

        using var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0");

        Assert.Equal(2, server.WaitForExit());
        Assert.Contains($"{config}:3: unknown directive 'sever'", server.Log);
    }

    [Fact]
    public void IgnoresSigusr1AndSigusr2_AndKeepsServing()
    {
        using var server = MeridianServer.Start(null, "serve", "--config", LocalConfig, "--listen", "127.0.0.1:0");

        server.Signal("USR1");
        server.Signal("USR2");

        Assert.True(server.WaitForLog("SIGUSR1 received: ignored", TimeSpan.FromSeconds(10)), server.Log);
        Assert.True(server.WaitForLog("SIGUSR2 received: ignored", TimeSpan.FromSeconds(10)), server.Log);
        Assert.Contains("stratum 1 refid LOCL", MeridianCli.Run("query", server.Listening.Single().ToString()).Output);
        Assert.Equal(0, server.Stop());
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public void StopsCleanly_OnSigtermAndSigint(string signal)
    {
        using var server = MeridianServer.Start(null, "serve", "--config", LocalConfig, "--listen", "127.0.0.1:0", "--listen", "[::1]:0");
        Assert.Equal(2, server.Listening.Count);

        Assert.Equal(0, server.Stop(signal));
        Assert.Contains($"stopping on SIG{signal}", server.Log);
    }

    [Fact]
    public void ConfigCheckPrintsTheEffectiveConfiguration()
    {
        string config = MeridianServer.ConfigFile("server ntp.example.org iburst\nrestrict -6 ::1\n");
        var result = ExternalTool.Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "meridian.dll"), "config", "check", config], TimeSpan.FromSeconds(30));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("server ntp.example.org iburst minpoll 6 maxpoll 10", result.Output);
        Assert.Contains("restrict -6 ::1/128", result.Output);
        Assert.Contains("listen 0.0.0.0:123", result.Output);
    }
}
