using Meridian.Core.Analysis.Capture;

namespace Meridian.Core.Tests.Analysis.Capture;

/// <summary>
/// pcapng timestamps past the nanosecond range of a long (after 2262) saturate instead of wrapping
/// to the distant past, so a capture's span is never negative. Found by <see cref="CaptureFuzzTests"/>.
/// </summary>
public class PcapNgTimestampRangeTests
{
    private static readonly byte[] Request = Frames.Ethernet(Frames.Udp("192.0.2.7", "192.0.2.1", 40000, 123));

    [Theory]
    [InlineData(0, 10_000_000_000UL)] // whole seconds: 10^10 s is 10^19 ns
    [InlineData(3, ulong.MaxValue)] // milliseconds
    [InlineData(0x80, ulong.MaxValue)] // 2^0 s
    public void ATimestampBeyondTheNanosecondRange_Saturates(byte tsresol, ulong units)
    {
        byte[] file = new CaptureWriter().SectionHeader().Interface(LinkType.Ethernet, tsresol).Enhanced(0, units, Request).Bytes;

        var packet = Assert.Single(CaptureReaderTests.ReadAll(file, out _));

        Assert.Equal(long.MaxValue, packet.Nanoseconds);
    }

    [Fact]
    public void ACaptureWithATimestampBeyondTheRange_NeverSpansANegativeTime()
    {
        byte[] file = new CaptureWriter().SectionHeader().Interface(LinkType.Ethernet, tsresol: 0)
            .Enhanced(0, 1_700_000_000, Request).Enhanced(0, 10_000_000_000, Request).Bytes;

        Assert.True(PushedCapture.TryOpen(file, out ICaptureReader reader));
        CaptureTraffic traffic = NtpTrafficAnalyzer.Analyze(reader, 123, server: null);

        Assert.Equal(2, traffic.Figures.PacketsIn);
        Assert.Equal((long.MaxValue - 1_700_000_000_000_000_000) / 1e9, traffic.Figures.Seconds, 3);
    }
}
