using System.Net;
using Meridian.Core.Analysis.Capture;

namespace Meridian.Core.Tests.Analysis.Capture;

public class NtpTrafficAnalyzerTests
{
    private const long Second = 1_000_000_000;

    [Fact]
    public void CountsDatagramsToTheServerAsIn_AndFromItAsOut_WithIpLengths()
    {
        byte[] file = Pcap(
            (0, Frames.Udp("192.0.2.7", "192.0.2.1", 40000, 123)),
            (Second / 2, Frames.Udp("192.0.2.1", "192.0.2.7", 123, 40000)),
            (Second, Frames.Udp("192.0.2.8", "192.0.2.1", 123, 123, payload: 68)),
            (3 * Second / 2, Frames.Udp("192.0.2.1", "192.0.2.8", 123, 123, payload: 68)),
            (4 * Second, Frames.Udp("192.0.2.7", "192.0.2.1", 40001, 123)));

        CaptureTraffic traffic = Analyze(file, "192.0.2.1");

        Assert.Equal((3, 2), (traffic.Figures.PacketsIn, traffic.Figures.PacketsOut));
        Assert.Equal((76 + 96 + 76, 76 + 96), (traffic.Figures.BytesIn, traffic.Figures.BytesOut));
        Assert.Equal(4.0, traffic.Figures.Seconds, 9);
        Assert.Equal(2, traffic.Figures.Clients.Value);
        Assert.False(traffic.Figures.Clients.IsEstimate);
        Assert.Equal((0, 0, 0), (traffic.Undecodable, traffic.NotOnPort, traffic.NotServer));
    }

    [Fact]
    public void InfersTheServer_AsTheAddressOnThePortSideOfTheMostDatagrams()
    {
        var frames = new List<(long, byte[])>();
        for (int i = 1; i <= 5; i++)
        {
            frames.Add((i * Second, Frames.Udp($"198.51.100.{i}", "203.0.113.5", 123, 123)));
            frames.Add((i * Second, Frames.Udp("203.0.113.5", $"198.51.100.{i}", 123, 123)));
        }

        frames.Add((9 * Second, Frames.Udp("203.0.113.5", "192.0.2.99", 51000, 123))); // the server asking its upstream

        CaptureTraffic traffic = Analyze(Pcap([.. frames]), server: null);

        Assert.Equal(IPAddress.Parse("203.0.113.5"), traffic.Server);
        Assert.True(traffic.ServerInferred);
        Assert.False(traffic.Ambiguous);
        Assert.Equal((5, 5, 5L), (traffic.Figures.PacketsIn, traffic.Figures.PacketsOut, traffic.Figures.Clients.Value));
        Assert.Equal(1, traffic.NotServer);
        Assert.Equal(4.0, traffic.Figures.Seconds, 9);
    }

    [Fact]
    public void SaysTheInferenceIsAmbiguous_WhenAnotherAddressIsOnThePortSideAsOften()
    {
        byte[] file = Pcap(
            (0, Frames.Udp("192.0.2.2", "192.0.2.1", 123, 123)),
            (Second, Frames.Udp("192.0.2.1", "192.0.2.2", 123, 123)));

        CaptureTraffic traffic = Analyze(file, server: null);

        Assert.Equal(IPAddress.Parse("192.0.2.1"), traffic.Server);
        Assert.True(traffic.Ambiguous);
        Assert.Equal(IPAddress.Parse("192.0.2.2"), traffic.RunnerUp);
    }

    [Fact]
    public void CountsIPv6ClientsAndBytes()
    {
        byte[] file = Pcap(
            (0, Frames.Udp("2001:db8::7", "2001:db8::1", 40000, 123)),
            (Second, Frames.Udp("2001:db8::1", "2001:db8::7", 123, 40000)),
            (2 * Second, Frames.Udp("192.0.2.7", "192.0.2.1", 40000, 123)));

        CaptureTraffic traffic = Analyze(file, "2001:db8::1");

        Assert.Equal((96L, 96L, 1L), (traffic.Figures.BytesIn, traffic.Figures.BytesOut, traffic.Figures.Clients.Value));
        Assert.Equal(1, traffic.NotServer);
    }

    [Fact]
    public void SkipsNonNtpPackets_CountingThemByReason()
    {
        byte[] file = Pcap(
            (0, Frames.Udp("192.0.2.7", "192.0.2.1", 40000, 123)),
            (1, Frames.Udp("192.0.2.7", "192.0.2.1", 40000, 53)),
            (2, Frames.Udp4(IPAddress.Parse("192.0.2.7"), IPAddress.Parse("192.0.2.1"), 40000, 123, 48, protocol: 6)),
            (3, [.. new byte[12], 0x08, 0x06, .. new byte[28]]));

        CaptureTraffic traffic = Analyze(file, server: null);

        Assert.Equal((1, 0), (traffic.Figures.PacketsIn, traffic.Figures.PacketsOut));
        Assert.Equal((4, 2, 1, 0, 3), (traffic.PacketsRead, traffic.Undecodable, traffic.NotOnPort, traffic.NotServer, traffic.Skipped));
    }

    [Fact]
    public void CountsTheIpLengthField_EvenWhenTheSnapLengthCutThePayload()
    {
        var writer = new CaptureWriter().PcapHeader(LinkType.Ethernet, nanoseconds: false, snapLength: 54);
        writer.PcapRecord(0, Frames.Ethernet(Frames.Udp("192.0.2.7", "192.0.2.1", 40000, 123, payload: 48)), false, 54);
        writer.PcapRecord(Second, Frames.Ethernet(Frames.Udp("192.0.2.1", "192.0.2.7", 123, 40000, payload: 1000)), false, 54);

        CaptureTraffic traffic = Analyze(writer.Bytes, server: null);

        Assert.Equal((76, 1028), (traffic.Figures.BytesIn, traffic.Figures.BytesOut));
    }

    [Fact]
    public void ReportsWhyTheReadStopped_AndKeepsWhatCameBefore()
    {
        byte[] file = Pcap((0, Frames.Udp("192.0.2.7", "192.0.2.1", 40000, 123)), (Second, Frames.Udp("192.0.2.7", "192.0.2.1", 40000, 123)));

        CaptureTraffic traffic = Analyze(file[..^3], server: null);

        Assert.Equal(1, traffic.Figures.PacketsIn);
        Assert.Contains("cut short", traffic.Problem);
        Assert.Null(Analyze(file, null).Problem);
    }

    /// <summary>An Ethernet capture; IP packets are framed, anything else is taken as a whole frame.</summary>
    private static byte[] Pcap(params (long Time, byte[] Frame)[] records) =>
        CaptureWriter.Pcap(LinkType.Ethernet, records.Select(r => (r.Time, r.Frame[0] >> 4 is 4 or 6 ? Frames.Ethernet(r.Frame) : r.Frame)), nanoseconds: true);

    private static CaptureTraffic Analyze(byte[] file, string? server)
    {
        Assert.True(PushedCapture.TryOpen(file, out ICaptureReader reader));
        return NtpTrafficAnalyzer.Analyze(reader, 123, server is null ? null : IPAddress.Parse(server));
    }
}
