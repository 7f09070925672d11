using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Meridian.Control;
using Meridian.Core.Analysis;
using Meridian.Protocol;

namespace Meridian.IntegrationTests;

/// <summary><c>meridian clients</c>: the abuse report from the running server and from an xt_recent dump.</summary>
public class ClientsReportTests
{
    [Fact]
    public void ReportsTheFlooderAsRapidFire_AndTheShortClientAsABurst()
    {
        string config = MeridianServer.ConfigFile("local stratum 1\nrestrict default limited kod\n");
        string socket = MeridianServer.ControlSocketOf(config);
        using var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0");
        IPEndPoint endPoint = server.Listening.Single();
        Send(IPAddress.Parse("127.3.0.1"), endPoint, 30);
        Send(IPAddress.Parse("127.3.0.2"), endPoint, 3);

        ClientReport report = WaitForReport(socket, r => r.Tracked == 2 && r.ByRate[0].Packets == 30);

        ClientObservation flooder = report.ByRate[0];
        Assert.Equal("127.3.0.1", flooder.Address);
        Assert.Equal(20, flooder.Drops);
        Assert.Equal(1, flooder.Kods);
        Assert.Equal(["127.3.0.1", "127.3.0.2"], report.RapidFire.Select(c => c.Address));
        Assert.Contains(report.BurstClients, c => c.Address == "127.3.0.2");
        Assert.DoesNotContain(report.BurstClients, c => c.Address == "127.3.0.1");

        var text = MeridianCli.Run("clients", "--socket", socket);
        Assert.Contains("rapid fire (two requests within 80 ms): 2", text.Output);
        Assert.Contains("burst clients (2-8 packets within 2.5 s): 1", text.Output);
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void ReadsAnXtRecentDump_InTheKernelsFormat()
    {
        string dump = Path.Combine(Path.GetTempPath(), $"meridian-it-xt-{Guid.NewGuid():N}");
        File.WriteAllLines(dump,
        [
            // 250 Hz jiffies; the latest last_seen (1000500) is "now".
            "src=203.0.113.5 ttl: 52 last_seen: 1000500 oldest_pkt: 4 1000000, 1000010, 1000020, 1000030, 1000040, 1000050, 1000060, 1000070, 1000080, 1000500",
            "src=198.51.100.7 ttl: 64 last_seen: 1000400 oldest_pkt: 2 1000000, 1000400",
            "src=192.0.2.9 ttl: 57 last_seen: 999000 oldest_pkt: 3 990000, 995000, 999000",
            "src=2001:db8::1 ttl: 64 last_seen: 1000100 oldest_pkt: 1 1000100",
            "not an xt_recent line",
        ]);

        var json = MeridianCli.Run("clients", "--xt-recent", dump, "--json");
        var csv = MeridianCli.Run("clients", "--xt-recent", dump, "--csv");

        Assert.Equal(0, json.ExitCode);
        ClientReport report = JsonSerializer.Deserialize<ClientsReportDocument>(json.Output, ControlJson.Compact)!.Report;
        Assert.Equal(4, report.Tracked);
        Assert.Equal(["203.0.113.5", "198.51.100.7", "2001:db8::1", "192.0.2.9"], report.ByRate.Select(c => c.Address));
        Assert.Equal(10, report.ByRate[0].Packets);
        Assert.Equal(0.040, report.ByRate[0].MinGapSeconds!.Value, 6);
        Assert.Equal(6.0, report.CompleteForSeconds, 6);
        Assert.Equal(["203.0.113.5"], report.RapidFire.Select(c => c.Address));
        Assert.Equal(["198.51.100.7"], report.BurstClients.Select(c => c.Address));
        Assert.Contains("1 lines are not xt_recent entries", json.Error);
        Assert.StartsWith("address,packets,pps,", csv.Output);
        Assert.Equal(5, csv.Output.Trim().Split('\n').Length);
    }

    private static void Send(IPAddress from, IPEndPoint server, int count)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(from, 0));
        byte[] request = new byte[NtpHeader.Size];
        request[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        for (int i = 0; i < count; i++)
        {
            socket.SendTo(request, server);
        }
    }

    private static ClientReport WaitForReport(string socket, Func<ClientReport, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        ClientReport? report = null;
        while (DateTime.UtcNow < deadline)
        {
            report = ControlClient.Query(socket, "clients 10", ControlJson.Wire.ClientsReportDocument).Report;
            if (done(report))
            {
                return report;
            }

            Thread.Sleep(100);
        }

        Assert.Fail($"report never complete: {JsonSerializer.Serialize(report)}");
        return report!;
    }

}
