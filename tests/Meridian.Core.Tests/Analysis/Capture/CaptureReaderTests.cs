using Meridian.Core.Analysis.Capture;

namespace Meridian.Core.Tests.Analysis.Capture;

public class CaptureReaderTests
{
    private static readonly byte[] Request = Frames.Ethernet(Frames.Udp("192.0.2.7", "192.0.2.1", 40000, 123));

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void ReadsClassicPcap_InEitherByteOrder_WithMicrosecondOrNanosecondTimestamps(bool bigEndian, bool nanoseconds)
    {
        byte[] file = CaptureWriter.Pcap(LinkType.Ethernet, [(1_700_000_000_123_456_000, Request), (1_700_000_001_500_000_000, Request)], bigEndian, nanoseconds);

        var packets = ReadAll(file, out CaptureReadStatus end);

        Assert.Equal(CaptureReadStatus.End, end);
        Assert.Equal([1_700_000_000_123_456_000L, 1_700_000_001_500_000_000L], packets.Select(p => p.Nanoseconds));
        Assert.All(packets, p => Assert.Equal((LinkType.Ethernet, Request.Length), (p.LinkType, p.Length)));
    }

    [Fact]
    public void NanosecondPcap_KeepsTheNanoseconds()
    {
        var writer = new CaptureWriter().PcapHeader(LinkType.Raw, nanoseconds: true);
        writer.PcapRecord(10_000_000_001, Frames.Udp("192.0.2.7", "192.0.2.1", 40000, 123), nanoseconds: true);

        Assert.Equal(10_000_000_001L, ReadAll(writer.Bytes, out _).Single().Nanoseconds);
    }

    [Theory]
    [InlineData(-1, 1_000_000L)] // no if_tsresol: microseconds
    [InlineData(6, 1_000_000L)] // 10^-6 s units
    [InlineData(9, 1_000L)] // 10^-9 s units
    [InlineData(3, 1_000_000_000L)] // 10^-3 s units
    [InlineData(0x80 | 10, 976_562_500L)] // 2^-10 s units
    public void ReadsPcapNg_WithTheInterfacesTimestampResolution(int resolution, long nanosecondsPerThousandUnits)
    {
        byte? tsresol = resolution < 0 ? null : (byte)resolution;
        byte[] file = new CaptureWriter().SectionHeader().Interface(LinkType.Ethernet, tsresol).Enhanced(0, 1000, Request).Enhanced(0, 3000, Request).Bytes;

        var packets = ReadAll(file, out CaptureReadStatus end);

        Assert.Equal(CaptureReadStatus.End, end);
        Assert.Equal(nanosecondsPerThousandUnits * 2, packets[1].Nanoseconds - packets[0].Nanoseconds);
    }

    [Fact]
    public void ReadsPcapNg_AcrossSectionsAndInterfaces_InEitherByteOrder_SkippingUnknownBlocks()
    {
        byte[] raw = Frames.Udp("2001:db8::7", "2001:db8::1", 40000, 123);
        byte[] first = new CaptureWriter().SectionHeader().Interface(LinkType.Ethernet).Interface(LinkType.Raw, 9)
            .Block(0x0bad, [1, 2, 3, 4]).Enhanced(1, 5, raw).Block(5, new byte[8]).Enhanced(0, 7, Request).Bytes;
        byte[] second = new CaptureWriter(bigEndian: true).SectionHeader().Interface(LinkType.LinuxSll).Enhanced(0, 2, Frames.Sll(raw)).Bytes;

        var packets = ReadAll([.. first, .. second], out CaptureReadStatus end);

        Assert.Equal(CaptureReadStatus.End, end);
        Assert.Equal([(LinkType.Raw, 5L), (LinkType.Ethernet, 7_000L), (LinkType.LinuxSll, 2_000L)], packets.Select(p => (p.LinkType, p.Nanoseconds)));
    }

    [Fact]
    public void ReadsSimplePacketBlocks_WithoutATimestamp()
    {
        byte[] file = new CaptureWriter().SectionHeader().Interface(LinkType.Ethernet).Simple(Request).Bytes;

        var packet = ReadAll(file, out _).Single();

        Assert.False(packet.HasTimestamp);
        Assert.Equal(Request.Length, packet.Length);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(4096)]
    public void ReadsTheSamePackets_WhateverChunksTheBytesArriveIn(int chunk)
    {
        byte[] pcap = CaptureWriter.Pcap(LinkType.Ethernet, [(1_000_000_000, Request), (2_000_000_000, Request), (3_000_000_000, Request)]);
        byte[] pcapng = new CaptureWriter().SectionHeader().Interface(LinkType.Ethernet).Enhanced(0, 1, Request).Block(0x0bad, [1, 2, 3, 4]).Enhanced(0, 2, Request).Bytes;

        foreach (byte[] file in new[] { pcap, pcapng, pcap[..^10], pcapng[..^10] })
        {
            var whole = ReadAll(file, out CaptureReadStatus wholeEnd);
            var chunked = ReadAll(file, out CaptureReadStatus chunkedEnd, out _, chunk);

            Assert.Equal(whole, chunked);
            Assert.Equal(wholeEnd, chunkedEnd);
        }
    }

    [Fact]
    public void ATruncatedLastRecord_EndsTheRead_AfterTheWholeRecords()
    {
        byte[] pcap = CaptureWriter.Pcap(LinkType.Ethernet, [(1_000_000_000, Request), (2_000_000_000, Request)]);
        byte[] pcapng = new CaptureWriter().SectionHeader().Interface(LinkType.Ethernet).Enhanced(0, 1, Request).Enhanced(0, 2, Request).Bytes;

        foreach (byte[] file in new[] { pcap[..^10], pcap[..^(Request.Length + 5)], pcapng[..^10], pcapng[..^(Request.Length + 30)] })
        {
            var packets = ReadAll(file, out CaptureReadStatus end, out string? problem);
            Assert.Equal(CaptureReadStatus.Truncated, end);
            Assert.Contains("cut short", problem);
            Assert.Single(packets);
        }
    }

    [Fact]
    public void ACorruptRecordLength_StopsTheRead_AsMalformed()
    {
        byte[] file = CaptureWriter.Pcap(LinkType.Ethernet, [(1_000_000_000, Request), (2_000_000_000, Request)]);
        file[24 + 16 + Request.Length + 11] = 0x7f; // second record's captured length: ~2 GB

        var packets = ReadAll(file, out CaptureReadStatus end);

        Assert.Equal(CaptureReadStatus.Malformed, end);
        Assert.Single(packets);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0xa1, 0xb2 })]
    [InlineData(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' })]
    [InlineData(new byte[] { 0xd4, 0xc3, 0xb2, 0xa2, 0, 0, 0, 0 })]
    public void ABadMagic_IsNotACapture(byte[] file)
    {
        Assert.False(PushedCapture.TryOpen(file, out _));
    }

    internal static List<(int LinkType, int Length, long Nanoseconds, bool HasTimestamp)> ReadAll(byte[] file, out CaptureReadStatus end) =>
        ReadAll(file, out end, out _);

    private static List<(int LinkType, int Length, long Nanoseconds, bool HasTimestamp)> ReadAll(byte[] file, out CaptureReadStatus end, out string? problem, int chunk = int.MaxValue)
    {
        Assert.True(PushedCapture.TryOpen(file, out ICaptureReader reader, chunk));
        var packets = new List<(int, int, long, bool)>();
        while ((end = reader.Read(out CapturedPacket packet)) == CaptureReadStatus.Packet)
        {
            packets.Add((packet.LinkType, packet.Data.Length, packet.TimestampNanoseconds, packet.HasTimestamp));
        }

        problem = reader.Problem;
        return packets;
    }
}
