using System.Diagnostics;
using System.Net;
using System.Numerics;
using System.Net.Sockets;
using Meridian.Control;
using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Protocol;

namespace Meridian.IntegrationTests;

/// <summary>
/// SIGHUP and <c>meridian reload</c> on a running <c>meridian serve</c>: the process survives, the new
/// <c>restrict</c> rules and upstreams take effect, a bad file changes nothing, a listen change is
/// reported as needing a restart, and the log file is reopened for logrotate.
/// </summary>
public class ReloadTests
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(15);

    [Fact]
    public void KeepsServing_AndLogsTheReload_OnSighup()
    {
        string config = MeridianServer.ConfigFile("local stratum 1\n");
        using var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0");

        server.Signal("HUP");

        Assert.True(server.WaitForLog($"reloaded {config} on SIGHUP: no changes", LogWait), server.Log);
        Assert.False(server.HasExited, server.Log);
        Assert.True(IsAnswered(server.Listening.Single()));
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void AppliesANewRestrictRule_OnSighup_AndOnMeridianReload()
    {
        string config = MeridianServer.ConfigFile("local stratum 1\n");
        string socket = MeridianServer.ControlSocketOf(config);
        using var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0");
        IPEndPoint address = server.Listening.Single();
        Assert.True(IsAnswered(address));

        Rewrite(config, "local stratum 1\nrestrict 127.0.0.1 ignore\n");
        server.Signal("HUP");
        Assert.True(server.WaitForLog("reload applied: + restrict -4 127.0.0.1/32 ignore", LogWait), server.Log);

        Assert.False(IsAnswered(address));
        Assert.Equal(1, Status(socket).Counters.Drops[DropReason.AccessDenied]);

        Rewrite(config, "local stratum 1\n");
        var reload = MeridianCli.Run("reload", "--socket", socket);

        Assert.True(reload.ExitCode == 0, reload.All);
        Assert.Contains($"reloaded {config}: 1 changes applied, 0 need a restart", reload.Output);
        Assert.Contains("  - restrict -4 127.0.0.1/32 ignore", reload.Output);
        Assert.True(IsAnswered(address));
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void AddsAndRemovesServers_WhileTheRemainingSourceKeepsItsReach()
    {
        using var first = new FakeUpstream(clockError: 0);
        using var second = new FakeUpstream(clockError: 0);
        string firstLine = $"server 127.0.0.1 port {first.Port} iburst";
        string secondLine = $"server 127.0.0.1 port {second.Port} iburst";
        string config = MeridianServer.ConfigFile(firstLine + "\n");
        string socket = MeridianServer.ControlSocketOf(config);
        using var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0");
        SourceSnapshot before = WaitForSource(socket, first.Port, s => BitOperations.PopCount(s.Reach) >= 3, server);

        Rewrite(config, firstLine + "\n" + secondLine + "\n");
        var added = MeridianCli.Run("reload", "--socket", socket);

        Assert.True(added.ExitCode == 0, added.All);
        Assert.Contains($"  + server 127.0.0.1 port {second.Port} iburst minpoll 6 maxpoll 10", added.Output);
        WaitForSource(socket, second.Port, s => s.Reach != 0, server);
        var peers = MeridianCli.Run("peers", "--socket", socket);
        Assert.Contains($"127.0.0.1:{second.Port}", peers.Output);
        SourceSnapshot kept = Source(Status(socket), first.Port)!;
        Assert.True(BitOperations.PopCount(kept.Reach) >= BitOperations.PopCount(before.Reach), $"reach {Convert.ToString(kept.Reach, 8)} after the reload, {Convert.ToString(before.Reach, 8)} before: the source was replaced\n{server.Log}");

        Rewrite(config, secondLine + "\n");
        var removed = MeridianCli.Run("reload", "--socket", socket);

        Assert.True(removed.ExitCode == 0, removed.All);
        Assert.Contains($"  - server 127.0.0.1 port {first.Port} iburst minpoll 6 maxpoll 10", removed.Output);
        WaitFor(socket, r => Source(r, first.Port) is null, server, "the removed server to leave the peers");
        Assert.DoesNotContain($"127.0.0.1:{first.Port}", MeridianCli.Run("peers", "--socket", socket).Output);
        Assert.True(server.WaitForLog($"upstream 127.0.0.1 removed", LogWait), server.Log);
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void KeepsTheRunningConfiguration_AndReportsFileAndLine_WhenTheNewFileIsBad()
    {
        string config = MeridianServer.ConfigFile("local stratum 1\n");
        string socket = MeridianServer.ControlSocketOf(config);
        using var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0");
        IPEndPoint address = server.Listening.Single();

        Rewrite(config, "local stratum 1\nrestrict 127.0.0.1 ignore\nsever ntp.example.org\ndriftfil /tmp/drift\n");
        var reload = MeridianCli.Run("reload", "--socket", socket);
        server.Signal("HUP");

        Assert.Equal(1, reload.ExitCode);
        Assert.Contains($"meridian reload: {config}:3: unknown directive 'sever' (did you mean 'server'?); {config}:4: unknown directive 'driftfil' (did you mean 'driftfile'?); the running configuration is unchanged", reload.Error);
        Assert.True(server.WaitForLog($"reload on SIGHUP failed: {config}:3: unknown directive 'sever'", LogWait), server.Log);
        Assert.Contains($"reload on meridian reload failed: {config}:3: unknown directive 'sever'", server.Log);
        Assert.True(IsAnswered(address));
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void ReportsAListenChangeAsNeedingARestart_AndKeepsListening()
    {
        string config = MeridianServer.ConfigFile("local stratum 1\nlisten 127.0.0.1:0\n");
        string socket = MeridianServer.ControlSocketOf(config);
        using var server = MeridianServer.Start(null, "serve", "--config", config);
        IPEndPoint listening = server.Listening.Single();

        Rewrite(config, "local stratum 1\nlisten 127.0.0.2:0\n");
        var reload = MeridianCli.Run("reload", "--socket", socket);

        Assert.True(reload.ExitCode == 0, reload.All);
        Assert.Contains("0 changes applied, 2 need a restart", reload.Output);
        Assert.Contains("  + listen 127.0.0.2:0", reload.Output);
        Assert.True(server.WaitForLog("reload: needs a restart to take effect: - listen 127.0.0.1:0", LogWait), server.Log);
        Assert.True(IsAnswered(listening));
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void ReopensTheLogFile_OnSighup_SoLogrotateCanMoveIt()
    {
        string directory = Directory.CreateTempSubdirectory("meridian-log-").FullName;
        string log = Path.Combine(directory, "meridian.log");
        string config = MeridianServer.ConfigFile($"local stratum 1\nlogfile {log}\n");
        using var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0");
        File.Move(log, log + ".1");

        server.Signal("HUP");
        Assert.True(server.WaitForLog("on SIGHUP: no changes", LogWait), server.Log);
        Assert.Equal(0, server.Stop());

        Assert.Contains("listening on 127.0.0.1:", File.ReadAllText(log + ".1"));
        string reopened = File.ReadAllText(log);
        Assert.Contains("on SIGHUP: no changes", reopened);
        Assert.Contains("stopping on SIGTERM", reopened);
        Assert.DoesNotContain("listening on", reopened);
        Directory.Delete(directory, recursive: true);
    }


    /// <summary>Replaces the file's text, keeping its <c>controlsocket</c> line.</summary>
    private static void Rewrite(string config, string text) =>
        File.WriteAllText(config, text + $"controlsocket {MeridianServer.ControlSocketOf(config)}\n");

    /// <summary>One client request; true when a server reply came back within a second.</summary>
    private static bool IsAnswered(IPEndPoint server)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 1000 };
        byte[] request = new byte[NtpHeader.Size];
        request[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        client.SendTo(request, server);
        byte[] reply = new byte[NtpHeader.Size];
        try
        {
            return client.Receive(reply) == NtpHeader.Size && NtpHeader.ReadMode(reply) == NtpMode.Server;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            return false;
        }
    }

    private static StatusReport Status(string socket) => ControlClient.Query(socket, "status");

    private static SourceSnapshot? Source(StatusReport report, int port) =>
        report.Sync.Sources.SingleOrDefault(s => s.Remote == $"127.0.0.1:{port}");

    private static SourceSnapshot WaitForSource(string socket, int port, Func<SourceSnapshot, bool> condition, MeridianServer server) =>
        Source(WaitFor(socket, r => Source(r, port) is SourceSnapshot s && condition(s), server, $"the source on port {port}"), port)!;

    /// <summary>Polls the control socket (the server is another process) until the condition holds; at most 30 s.</summary>
    private static StatusReport WaitFor(string socket, Func<StatusReport, bool> condition, MeridianServer server, string what)
    {
        var deadline = Stopwatch.StartNew();
        StatusReport last = Status(socket);
        while (!condition(last))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"waited 30 s for {what}: {string.Join("\n", last.Sync.Sources)}\n{server.Log}");
            Thread.Sleep(200);
            last = Status(socket);
        }

        return last;
    }
}
