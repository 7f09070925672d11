using System.Diagnostics;
using System.Net;
using Meridian.Core.Analysis.Capture;
using Xunit.Abstractions;

namespace Meridian.Net.Tests.Capture;

/// <summary>The edge pumps a capture stream into the core's readers a chunk at a time.</summary>
public class StreamingCaptureTests(ITestOutputHelper output)
{
    [Fact]
    public void TenMillionPackets_FromANonSeekableStream_AreCountedExactly_InBoundedMemory()
    {
        const long packets = 10_000_000;
        const int clients = 5_000;
        using var stream = new GeneratedCapture(packets, clients);
        Assert.True(StreamCaptureReader.TryOpen(stream, out ICaptureReader reader));

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        CaptureTraffic traffic = NtpTrafficAnalyzer.Analyze(reader, 123, server: null);
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        output.WriteLine($"{packets} packets in {clock.Elapsed.TotalSeconds:0.00} s ({packets / clock.Elapsed.TotalSeconds / 1e6:0.0} M packets/s), {allocated} bytes allocated");

        Assert.Null(traffic.Problem);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), traffic.Server);
        Assert.Equal((packets / 2, packets / 2), (traffic.Figures.PacketsIn, traffic.Figures.PacketsOut));
        Assert.Equal((packets / 2 * 76, packets / 2 * 76), (traffic.Figures.BytesIn, traffic.Figures.BytesOut));
        Assert.Equal(clients, traffic.Figures.Clients.Value);
        Assert.Equal((packets - 1) / 1e6, traffic.Figures.Seconds, 9);
        Assert.Equal(packets, traffic.PacketsRead);

        // Memory follows the distinct clients (a few hundred KB for 5 000), never the ten million packets.
        Assert.InRange(allocated, 0, 2_000_000);
    }
}
