using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Meridian.Commands.Traffic;
using Meridian.Control;
using Meridian.Protocol;

namespace Meridian.IntegrationTests;

/// <summary>
/// <c>meridian traffic --pcap</c> on real captures: tcpdump (pcap, Ethernet on lo) and tshark (pcapng) of a
/// real server answering a known number of distinct loopback clients.
/// </summary>
public class TrafficCaptureTests
{
    private const int Clients = 37;
    private const int RequestsPerClient = 3;
    private const int Exchanges = Clients * RequestsPerClient;
    private const int IpBytes = NtpHeader.Size + 28;

    [Theory]
    [InlineData("tcpdump")]
    [InlineData("tshark")]
    public void CountsExactlyTheExchangesOfKnownClients_InARealCapture(string tool)
    {
        string file = CaptureExchanges(tool, out string capturePath, out string port, out PacketCapture capture);
        using (capture)
        {
            var result = MeridianCli.Run("traffic", "--pcap", capturePath, "--port", port, "--json");

            Assert.True(result.ExitCode == 0, result.All);
            TrafficDocument report = JsonSerializer.Deserialize<TrafficDocument>(result.Output, ControlJson.Compact)!;
            Assert.Equal((Exchanges, Exchanges), (report.PacketsIn, report.PacketsOut));
            Assert.Equal(((long)Exchanges * IpBytes, (long)Exchanges * IpBytes), (report.BytesIn, report.BytesOut));
            Assert.Equal(Clients, report.Clients);
            Assert.False(report.ClientsEstimated);
            Assert.Equal("127.0.0.1", report.Server);
            Assert.StartsWith("inferred", report.ServerNote);
            Assert.InRange(report.Seconds, 0.000001, 60);
            Assert.Equal(file, report.Source);
        }
    }

    [Fact]
    public void ShowsTheArithmetic_OfBandwidthEgressAndCost()
    {
        CaptureExchanges("tcpdump", out string path, out string port, out PacketCapture capture);
        using (capture)
        {
            var json = MeridianCli.Run("traffic", "--pcap", path, "--port", port, "--json", "--price-per-gb", "0.09");
            var text = MeridianCli.Run("traffic", "--pcap", path, "--port", port, "--price-per-gb", "0.09");

            Assert.True(text.ExitCode == 0, text.All);
            double seconds = JsonSerializer.Deserialize<TrafficDocument>(json.Output, ControlJson.Compact)!.Seconds;
            string s = Spaced(seconds, "0.00");
            long bytes = Exchanges * IpBytes;
            string[] lines = text.Output.Split('\n');
            Assert.Contains($"packets     {Exchanges} in, {Exchanges} out", lines);
            Assert.Contains($"bytes       {Spaced(bytes, "0")} in + {Spaced(bytes, "0")} out = {Spaced(2 * bytes, "0")} (IP + UDP + NTP)", lines);
            Assert.Contains($"bandwidth   {Spaced(2 * bytes, "0")} B × 8 / {s} s = {Spaced(2 * bytes * 8 / seconds / 1000, "0.0")} kbps (in {Spaced(bytes * 8 / seconds / 1000, "0.0")}, out {Spaced(bytes * 8 / seconds / 1000, "0.0")})", lines);
            Assert.Contains($"clients     {Clients} distinct addresses (exact)", lines);
            double gb = bytes / seconds * 2_592_000 / 1e9;
            Assert.Contains($"egress      {Spaced(bytes, "0")} B / {s} s × 2 592 000 s (30 days) = {Spaced(gb, "0.00")} GB per month", lines);
            Assert.Contains($"cost        {Spaced(gb, "0.00")} GB × $0.09 = ${Spaced(gb * 0.09, "0.00")} per month (outbound only)", lines);
            Assert.Contains(lines, l => l.StartsWith("skipped     ") && l.EndsWith($" 0 neither to nor from the server's port {port}"));
        }
    }

    [Fact]
    public void RefusesAFileThatIsNotACapture_AndAMissingFile_WithExitTwo()
    {
        string notACapture = Path.Combine(Path.GetTempPath(), $"meridian-it-{Guid.NewGuid():N}.txt");
        File.WriteAllText(notACapture, "hello, this is text\n");
        try
        {
            var bad = MeridianCli.Run("traffic", "--pcap", notACapture);
            var missing = MeridianCli.Run("traffic", "--pcap", notACapture + ".missing");

            Assert.Equal(2, bad.ExitCode);
            Assert.Contains($"{notACapture}: not a pcap or pcapng capture", bad.Error);
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains($"{notACapture}.missing: no such file", missing.Error);
        }
        finally
        {
            File.Delete(notACapture);
        }
    }

    [Fact]
    public void TheRunningServersOwnFigures_MatchTheWire()
    {
        string socket = Path.Combine(Path.GetTempPath(), $"meridian-it-{Guid.NewGuid():N}.sock");
        using var server = MeridianServer.Start(null, "serve", "--config", MeridianServer.ConfigFile($"local stratum 1\ncontrolsocket {socket}\n"), "--listen", "127.0.0.1:0", "--workers", "2");
        IPEndPoint endPoint = server.Listening.Single();
        using var capture = PacketCapture.Tcpdump(endPoint.Port);
        for (int i = 1; i <= Clients; i++)
        {
            Exchange(IPAddress.Parse($"127.9.0.{i}"), endPoint);
        }

        var live = MeridianCli.Run("traffic", "--socket", socket, "--json");
        capture.StopAfter(endPoint.Port, 2 * Exchanges);
        Assert.Equal(0, server.Stop());
        var wire = MeridianCli.Run("traffic", "--pcap", capture.Path, "--port", endPoint.Port.ToString(CultureInfo.InvariantCulture), "--json");

        Assert.True(live.ExitCode == 0, live.All);
        TrafficDocument served = JsonSerializer.Deserialize<TrafficDocument>(live.Output, ControlJson.Compact)!;
        TrafficDocument captured = JsonSerializer.Deserialize<TrafficDocument>(wire.Output, ControlJson.Compact)!;
        Assert.Equal("live", served.Kind);
        Assert.Equal((Exchanges, Exchanges, (long)Exchanges * IpBytes, (long)Exchanges * IpBytes, Clients), (served.PacketsIn, served.PacketsOut, served.BytesIn, served.BytesOut, served.Clients));
        Assert.Equal((captured.PacketsIn, captured.PacketsOut, captured.BytesIn, captured.BytesOut, captured.Clients), (served.PacketsIn, served.PacketsOut, served.BytesIn, served.BytesOut, served.Clients));
        Assert.False(served.ClientsEstimated);
    }

    [Fact]
    public void LiveMode_WithoutARunningServer_SaysSoAndExitsOne()
    {
        var result = MeridianCli.Run("traffic", "--socket", Path.Combine(Path.GetTempPath(), $"meridian-it-{Guid.NewGuid():N}.sock"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("meridian traffic:", result.Error);
    }

    /// <summary>Captures 37 clients × 3 exchanges with a real server on a free port; returns the capture's file name.</summary>
    private static string CaptureExchanges(string tool, out string path, out string port, out PacketCapture capture)
    {
        using var server = MeridianServer.Start(null, "serve", "--config", MeridianServer.ConfigFile("local stratum 1\n"), "--listen", "127.0.0.1:0", "--workers", "1");
        IPEndPoint endPoint = server.Listening.Single();
        capture = tool == "tcpdump" ? PacketCapture.Tcpdump(endPoint.Port) : PacketCapture.Tshark(endPoint.Port);
        for (int i = 1; i <= Clients; i++)
        {
            Exchange(IPAddress.Parse($"127.9.0.{i}"), endPoint);
        }

        capture.StopAfter(endPoint.Port, 2 * Exchanges);
        Assert.Equal(0, server.Stop());
        path = capture.Path;
        port = endPoint.Port.ToString(CultureInfo.InvariantCulture);
        return Path.GetFileName(path);
    }

    private static void Exchange(IPAddress from, IPEndPoint server)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5000 };
        socket.Bind(new IPEndPoint(from, 0));
        byte[] request = new byte[NtpHeader.Size];
        byte[] reply = new byte[2048];
        request[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        for (int i = 0; i < RequestsPerClient; i++)
        {
            request[NtpHeader.TransmitTimestampOffset + 7] = (byte)i;
            socket.SendTo(request, server);
            Assert.Equal(NtpHeader.Size, socket.Receive(reply));
        }
    }

    private static string Spaced(double value, string decimals) =>
        value.ToString("#,0" + decimals[1..], CultureInfo.InvariantCulture).Replace(',', ' ');

}
