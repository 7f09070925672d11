using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Meridian.Control;
using Meridian.Core.Sync;
using Meridian.Protocol;

namespace Meridian.IntegrationTests;

/// <summary>
/// Meridian synchronizes to four real chronyd upstreams on loopback, rejects a fifth upstream of
/// the test's own that is 2 s off, and serves stratum 2 with leap indicator 0.
/// </summary>
public class SynchronizationTests
{
    private static readonly TimeSpan SyncDeadline = TimeSpan.FromSeconds(20);

    [Fact]
    public void SynchronizesWithin20Seconds_MarksThe2SecondSourceAFalseticker_AndServesStratum2()
    {
        var chronyds = Enumerable.Range(0, 4).Select(_ => ChronydServer.Start()).ToList();
        using var fake = new FakeUpstream(clockError: 2.0);
        try
        {
            var servers = chronyds.Select(c => c.Port).Append(fake.Port).Select(p => $"server 127.0.0.1 port {p} iburst");
            string config = MeridianServer.ConfigFile(string.Join('\n', servers) + "\n");
            string socket = MeridianServer.ControlSocketOf(config);
            var started = Stopwatch.StartNew();
            using var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0");

            StatusReport report = WaitFor(socket, r => r.Sync.State == "synchronized" && r.Sync.Sources.Any(s => s.Tally == Tally.Falseticker), server);

            Assert.True(started.Elapsed < SyncDeadline, $"synchronized after {started.Elapsed.TotalSeconds:0.0} s\n{server.Log}");
            Assert.Equal(2, report.Sync.Stratum);
            SourceSnapshot falseticker = Assert.Single(report.Sync.Sources, s => s.Tally == Tally.Falseticker);
            Assert.EndsWith($":{fake.Port}", falseticker.Remote);
            Assert.InRange(falseticker.OffsetMs, 1900, 2100);
            Assert.Contains(report.Sync.Sources, s => s.Tally == Tally.SystemPeer);
            AssertPeersCommandShowsTallies(socket, fake.Port);
            AssertClientSeesStratum2AndNoLeapWarning(server.Listening.Single());
            Assert.Equal(0, server.Stop());
        }
        finally
        {
            chronyds.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Polls the control socket (the server is another process) until the condition holds or the deadline passes.</summary>
    private static StatusReport WaitFor(string socket, Func<StatusReport, bool> condition, MeridianServer server)
    {
        var deadline = Stopwatch.StartNew();
        StatusReport? last = null;
        while (deadline.Elapsed < SyncDeadline + TimeSpan.FromSeconds(5))
        {
            try
            {
                last = ControlClient.Query(socket, "status");
                if (condition(last))
                {
                    return last;
                }
            }
            catch (ControlSocketException)
            {
                // Not listening yet.
            }

            Thread.Sleep(250);
        }

        Assert.Fail($"not synchronized with a falseticker marked: {last?.Sync}\n{string.Join("\n", last?.Sync.Sources ?? [])}\n{server.Log}");
        return last!;
    }

    /// <summary>The operator's view: <c>meridian peers</c> prints 'x' before the 2 s source and '*' before the system peer.</summary>
    private static void AssertPeersCommandShowsTallies(string socket, int fakePort)
    {
        var peers = ExternalTool.Run(
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "meridian.dll"), "peers", "--socket", socket],
            TimeSpan.FromSeconds(30));

        Assert.True(peers.ExitCode == 0, peers.All);
        Assert.Contains(peers.Output.Split('\n'), line => line.StartsWith($"x127.0.0.1:{fakePort}"));
        Assert.Single(peers.Output.Split('\n'), line => line.StartsWith('*'));
    }

    private static void AssertClientSeesStratum2AndNoLeapWarning(IPEndPoint meridian)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2000 };
        byte[] request = new byte[NtpHeader.Size];
        request[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        client.SendTo(request, meridian);
        byte[] reply = new byte[NtpHeader.Size];
        Assert.Equal(NtpHeader.Size, client.Receive(reply));
        Assert.True(NtpHeader.TryRead(reply, out NtpHeader header));
        Assert.Equal(2, header.Stratum);
        Assert.Equal(LeapIndicator.NoWarning, header.Leap);
        Assert.Equal(ReferenceId.FromIPv4([127, 0, 0, 1]), header.ReferenceId);
    }
}
