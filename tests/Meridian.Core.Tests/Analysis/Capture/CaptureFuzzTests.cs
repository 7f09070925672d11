using System.Net;
using Meridian.Core.Analysis;
using Meridian.Core.Analysis.Capture;
using Meridian.Fuzzing;

namespace Meridian.Core.Tests.Analysis.Capture;

/// <summary>
/// The pcap and pcapng readers, the packet decoder and the traffic analyzer over random captures and
/// mutations of valid ones (every link type, both byte orders, µs/ns and pcapng resolutions, unknown
/// blocks, second sections, snap lengths that cut frames), pushed in chunks as the edge pushes them:
/// nothing throws, reading always ends in End, Truncated or Malformed, the packets are the same
/// whatever the chunk size, no packet is longer than the input, and memory does not grow with the
/// capture. Set MERIDIAN_SEED to replay a failure, MERIDIAN_FUZZ_SCALE to run more cases.
/// </summary>
public class CaptureFuzzTests
{
    private const int InitialBuffer = 1 << 16;

    /// <summary>Small allocations a reader may make besides its buffer: problem texts, up to 4096 pcapng interfaces.</summary>
    private const long ReaderOverhead = 256 << 10;

    private static readonly int[] LinkTypes =
        [LinkType.Ethernet, LinkType.Ethernet, LinkType.Raw, LinkType.RawLegacy, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Null, LinkType.Loop, LinkType.IPv4, LinkType.IPv6, 147];

    private static readonly byte?[] Resolutions = [null, 6, 9, 3, 0, 19, 0x80 | 10, 0x80 | 30, 0xff];

    [Fact]
    [Trait("Category", "Fuzz")]
    public void ReadsTheSamePackets_InAnyChunking_AndAlwaysStops_ForRandomAndMutatedCaptures()
    {
        var run = FuzzRun.Start(defaultSeed: 20261202, defaultCases: 2_500);
        byte[] previous = ValidCapture(run.Random, 4);
        int opened = 0;
        for (int i = 0; i < run.Cases; i++)
        {
            byte[] valid = ValidCapture(run.Random, run.Random.Next(8));
            byte[] file = run.Random.Next(20) switch
            {
                0 => Mutator.RandomBytes(run.Random, 600),
                1 => [.. valid[..Math.Min(4, valid.Length)], .. Mutator.RandomBytes(run.Random, 600)],
                2 => valid,
                _ => Mutator.Mutate(run.Random, valid, maxMutations: 6, other: previous),
            };
            int[] chunks = [1 + run.Random.Next(64), 1 + run.Random.Next(8192), file.Length <= 2048 ? 1 : 1 + run.Random.Next(16)];
            var server = run.Random.Next(3) == 0 ? RandomAddress(run.Random) : null;
            run.Check(i, file, () => opened += AssertCaptureInvariants(file, chunks, server) ? 1 : 0);
            previous = valid;
        }

        Assert.True(opened > run.Cases / 2, $"only {opened} of {run.Cases} inputs opened as captures (MERIDIAN_SEED={run.Seed})");
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public void KeepsMemoryIndependentOfTheCaptureSize_ForLongMutatedCaptures()
    {
        var run = FuzzRun.Start(defaultSeed: 20261203, defaultCases: 6);
        for (int i = 0; i < run.Cases; i++)
        {
            byte[] valid = ValidCapture(run.Random, 30_000);
            byte[] file = i % 3 == 0 ? valid : Mutator.Mutate(run.Random, valid, maxMutations: 3);
            int chunk = 1 + run.Random.Next(16_384);
            var server = RandomAddress(run.Random);
            run.Check(i, file, () => AssertCaptureInvariants(file, [chunk], server));
        }
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public void DecodesOnlyWellFormedUdp_ForRandomAndMutatedFrames()
    {
        var run = FuzzRun.Start(defaultSeed: 20261204, defaultCases: 100_000);
        int decoded = 0;
        for (int i = 0; i < run.Cases; i++)
        {
            int linkType = LinkTypes[run.Random.Next(LinkTypes.Length)];
            byte[] valid = Frame(run.Random, linkType);
            byte[] frame = run.Random.Next(10) switch
            {
                0 => Mutator.RandomBytes(run.Random, 120),
                1 => valid,
                _ => Mutator.Mutate(run.Random, valid),
            };
            int decodeAs = run.Random.Next(8) == 0 ? run.Random.Next(-1, 300) : linkType;
            run.Check(i, frame, () => decoded += AssertDecoderInvariants(decodeAs, frame) ? 1 : 0);
        }

        Assert.True(decoded > run.Cases / 10, $"only {decoded} of {run.Cases} frames decoded (MERIDIAN_SEED={run.Seed})");
    }

    /// <summary>Reads the file whole and in each chunking; false when it is not a capture at all.</summary>
    private static bool AssertCaptureInvariants(byte[] file, int[] chunks, IPAddress? server)
    {
        Reading? whole = Read(file, int.MaxValue, expected: null);
        if (whole is null)
        {
            Assert.False(PushedCapture.TryOpen(file, out _));
            return false;
        }

        foreach (int chunk in chunks)
        {
            Reading chunked = Read(file, chunk, whole)!;
            Assert.True(chunked.Mismatch < 0, $"in chunks of {chunk} bytes, packet {chunked.Mismatch} differs from reading the capture whole");
            Assert.Equal(whole.Status, chunked.Status);
            Assert.Equal(whole.Problem, chunked.Problem);
            long bound = InitialBuffer + 4 * (chunked.MaxPendingWhenShort + Math.Min(chunk, file.Length)) + ReaderOverhead;
            Assert.True(chunked.Allocated <= bound, $"reading in chunks of {chunk} bytes allocated {chunked.Allocated} bytes (bound {bound})");
        }

        foreach (Packet packet in whole.Packets)
        {
            AssertDecoderInvariants(packet.LinkType, packet.Data);
        }

        AssertAnalyzerInvariants(file, whole, server);
        return true;
    }

    /// <summary>
    /// Pushes the magic, opens the capture and reads it, pushing <paramref name="chunk"/> bytes at a
    /// time only when asked. Against <paramref name="expected"/>, compares without allocating, so the
    /// bytes allocated are the reader's and the input's own.
    /// </summary>
    private static Reading? Read(byte[] file, int chunk, Reading? expected)
    {
        var input = new CaptureInput();
        int offset = Math.Min(file.Length, CaptureFormat.MagicLength);
        input.Push(file.AsSpan(0, offset));
        if (file.Length < CaptureFormat.MagicLength)
        {
            input.Complete();
        }

        var packets = expected is null ? new List<Packet>() : null;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        if (!CaptureFormat.TryOpen(input, out ICaptureReader reader))
        {
            return null;
        }

        int count = 0, mismatch = -1, maxPendingWhenShort = 0;
        long maxPackets = file.Length / 12;
        CaptureReadStatus status;
        while (true)
        {
            status = reader.Read(out CapturedPacket packet);
            if (status == CaptureReadStatus.NeedMoreData)
            {
                if (input.IsComplete)
                {
                    break; // asked for more after the end: fails below
                }

                maxPendingWhenShort = Math.Max(maxPendingWhenShort, input.Pending);
                int length = Math.Min(chunk, file.Length - offset);
                if (length == 0)
                {
                    input.Complete();
                }
                else
                {
                    input.Push(file.AsSpan(offset, length));
                    offset += length;
                }

                continue;
            }

            if (status != CaptureReadStatus.Packet || count > maxPackets || packet.Data.Length > file.Length - 16)
            {
                break;
            }

            if (packets is not null)
            {
                packets.Add(new Packet(packet.LinkType, packet.Data.ToArray(), packet.TimestampNanoseconds, packet.HasTimestamp));
            }
            else if (mismatch < 0 && (count >= expected!.Packets.Count || !expected.Packets[count].Is(packet)))
            {
                mismatch = count;
            }

            count++;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(status is CaptureReadStatus.End or CaptureReadStatus.Truncated or CaptureReadStatus.Malformed, $"reading stopped with {status} after {count} packets");
        Assert.True(count <= maxPackets, $"{count} packets from {file.Length} bytes");
        Assert.True(status == CaptureReadStatus.End ? reader.Problem is null : !string.IsNullOrEmpty(reader.Problem), $"{status} with problem '{reader.Problem}'");
        Assert.True(maxPendingWhenShort <= CaptureInput.MaxRecord + 24, $"asked for more with {maxPendingWhenShort} bytes pending");
        if (expected is not null && mismatch < 0 && count != expected.Packets.Count)
        {
            mismatch = count;
        }

        return new Reading(packets ?? expected!.Packets, status, reader.Problem, mismatch, maxPendingWhenShort, allocated);
    }

    /// <summary>A decoded datagram has a plausible IP length; the IP packet found is a suffix of the frame.</summary>
    private static bool AssertDecoderInvariants(int linkType, byte[] frame)
    {
        if (PacketDecoder.TryFindIp(linkType, frame, out ReadOnlySpan<byte> ip))
        {
            Assert.True(ip.Length > 0 && frame.AsSpan().Overlaps(ip, out int at) && at + ip.Length == frame.Length, "the IP packet is not the end of the frame");
        }

        if (!PacketDecoder.TryDecode(linkType, frame, out UdpDatagram datagram))
        {
            return false;
        }

        Assert.True(datagram.IpLength is >= 28 and <= 65_535 + 40, $"an IP length of {datagram.IpLength}");
        return true;
    }

    /// <summary>The analyzer's counts add up, whether the capture is read incrementally or through <see cref="NtpTrafficAnalyzer.Analyze"/>.</summary>
    private static void AssertAnalyzerInvariants(byte[] file, Reading reading, IPAddress? server)
    {
        var analyzer = new NtpTrafficAnalyzer(123, server);
        foreach (Packet p in reading.Packets)
        {
            analyzer.Add(new CapturedPacket(p.LinkType, p.Data, p.Nanoseconds, p.HasTimestamp));
        }

        CaptureTraffic traffic = analyzer.Finish(reading.Status == CaptureReadStatus.End ? null : reading.Problem);
        TrafficFigures figures = traffic.Figures;
        long onPort = traffic.PacketsRead - traffic.Undecodable - traffic.NotOnPort;
        Assert.Equal(reading.Packets.Count, traffic.PacketsRead);
        Assert.True(onPort >= 0 && traffic.Skipped <= traffic.PacketsRead, $"{traffic.Skipped} skipped of {traffic.PacketsRead}");
        Assert.Equal(traffic.ServerPackets, figures.PacketsIn + figures.PacketsOut);
        Assert.True(traffic.ServerPackets <= 2 * onPort, $"{traffic.ServerPackets} server packets from {onPort} on the port");
        Assert.True(figures.BytesIn >= 0 && figures.BytesOut >= 0, "negative bytes");
        Assert.True(double.IsFinite(figures.Seconds) && figures.Seconds >= 0, $"a capture spanning {figures.Seconds} s");
        Assert.True(figures.Clients.Value >= 0 && figures.Clients.Value <= onPort, $"{figures.Clients.Value} clients from {onPort} datagrams");
        Assert.True(double.IsFinite(figures.KbpsTotal) && double.IsFinite(figures.CostPerMonth(0.12)), "non-finite rates");
        Assert.True(server is null ? traffic.Server is not null == traffic.ServerInferred : server.Equals(traffic.Server) && !traffic.ServerInferred, "the server is neither given nor inferred");
        _ = traffic.Ambiguous;

        Assert.True(PushedCapture.TryOpen(file, out ICaptureReader pushed, chunk: 512));
        CaptureTraffic analyzed = NtpTrafficAnalyzer.Analyze(pushed, 123, server);
        Assert.Equal(traffic, analyzed with { Figures = traffic.Figures });
        Assert.Equal(figures with { Clients = default }, analyzed.Figures with { Clients = default });
    }

    /// <summary>A pcap or pcapng capture of up to <paramref name="records"/> UDP frames (mostly NTP), in either byte order.</summary>
    private static byte[] ValidCapture(Random random, int records)
    {
        bool bigEndian = random.Next(2) == 0;
        int linkType = LinkTypes[random.Next(LinkTypes.Length)];
        long start = 1_700_000_000_000_000_000 + random.NextInt64(1_000_000_000_000_000);
        if (random.Next(2) == 0)
        {
            bool nanoseconds = random.Next(2) == 0;
            int snapLength = random.Next(4) == 0 ? random.Next(20, 120) : 65535;
            return CaptureWriter.Pcap(linkType, Enumerable.Range(0, records).Select(r => (start + r * 1_000_000L, Frame(random, linkType))), bigEndian, nanoseconds, snapLength);
        }

        byte[] section = Section(random, bigEndian, linkType, (ulong)(start / 1000), records);
        return random.Next(4) == 0 ? [.. section, .. Section(random, !bigEndian, LinkTypes[random.Next(LinkTypes.Length)], 0, 2)] : section;
    }

    /// <summary>A pcapng section: one or two interfaces, then enhanced, simple, cut and unknown blocks.</summary>
    private static byte[] Section(Random random, bool bigEndian, int linkType, ulong units, int records)
    {
        var writer = new CaptureWriter(bigEndian).SectionHeader().Interface(linkType, Resolutions[random.Next(Resolutions.Length)]);
        int secondLink = LinkTypes[random.Next(LinkTypes.Length)];
        if (random.Next(3) == 0)
        {
            writer.Interface(secondLink, Resolutions[random.Next(Resolutions.Length)]);
        }

        for (int r = 0; r < records; r++)
        {
            int kind = random.Next(12);
            byte[] frame = Frame(random, kind == 0 ? secondLink : linkType);
            _ = kind switch
            {
                0 => writer.Enhanced(1, units + (ulong)r, frame),
                1 => writer.Simple(frame),
                2 => writer.Block((uint)random.Next(4, 0x10), new byte[4 * random.Next(0, 8)]),
                3 => writer.Enhanced(0, units + (ulong)r, frame, captured: random.Next(frame.Length + 1)),
                _ => writer.Enhanced(0, units + (ulong)r, frame),
            };
        }

        return writer.Bytes;
    }

    /// <summary>A UDP datagram over IPv4 or IPv6 (sometimes with extension headers), framed for the link type.</summary>
    private static byte[] Frame(Random random, int linkType)
    {
        bool v6 = random.Next(3) == 0;
        IPAddress source = v6 ? RandomAddress6(random) : RandomAddress(random), destination = v6 ? RandomAddress6(random) : RandomAddress(random);
        int clientPort = random.Next(1, 65536), payload = random.Next(4) == 0 ? random.Next(0, 100) : 48;
        bool request = random.Next(2) == 0;
        (int sourcePort, int destinationPort) = random.Next(8) == 0 ? (clientPort, random.Next(1, 65536)) : request ? (clientPort, 123) : (123, clientPort);
        byte[] ip = v6 && random.Next(4) == 0 ? Frames.Udp6WithExtensions(source.ToString(), destination.ToString(), sourcePort, destinationPort, payload)
            : v6 ? Frames.Udp6(source, destination, sourcePort, destinationPort, payload)
            : Frames.Udp4(source, destination, sourcePort, destinationPort, payload, random.Next(10) == 0 ? (byte)6 : (byte)17);
        return linkType switch
        {
            LinkType.Ethernet => Frames.Ethernet(ip, [.. Enumerable.Range(0, random.Next(3)).Select(_ => (ushort)random.Next(4096))]),
            LinkType.LinuxSll => Frames.Sll(ip),
            LinkType.LinuxSll2 => Frames.Sll2(ip),
            LinkType.Null or LinkType.Loop => Frames.Null(ip),
            _ => ip,
        };
    }

    private static IPAddress RandomAddress(Random random) => new IPAddress([192, 0, 2, (byte)random.Next(1, 8)]);

    private static IPAddress RandomAddress6(Random random) => IPAddress.Parse($"2001:db8::{random.Next(1, 8)}");

    private sealed record Packet(int LinkType, byte[] Data, long Nanoseconds, bool HasTimestamp)
    {
        public bool Is(in CapturedPacket packet) =>
            packet.LinkType == LinkType && packet.Data.SequenceEqual(Data) && packet.TimestampNanoseconds == Nanoseconds && packet.HasTimestamp == HasTimestamp;
    }

    private sealed record Reading(List<Packet> Packets, CaptureReadStatus Status, string? Problem, int Mismatch, int MaxPendingWhenShort, long Allocated);
}
