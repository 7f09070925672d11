using System.Buffers.Binary;

namespace Meridian.Core.Tests.Analysis.Capture;

/// <summary>Writes classic pcap and pcapng files into memory, in either byte order.</summary>
internal sealed class CaptureWriter(bool bigEndian = false)
{
    private readonly List<byte> _bytes = [];

    public byte[] Bytes => [.. _bytes];

    public static byte[] Pcap(int linkType, IEnumerable<(long Nanoseconds, byte[] Frame)> records, bool bigEndian = false, bool nanoseconds = false, int snapLength = 65535)
    {
        var writer = new CaptureWriter(bigEndian);
        writer.PcapHeader(linkType, nanoseconds, snapLength);
        foreach (var (time, frame) in records)
        {
            writer.PcapRecord(time, frame, nanoseconds, snapLength);
        }

        return writer.Bytes;
    }

    public CaptureWriter PcapHeader(int linkType, bool nanoseconds, int snapLength = 65535)
    {
        U32(nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4).U16(2).U16(4).U32(0).U32(0).U32((uint)snapLength).U32((uint)linkType);
        return this;
    }

    /// <summary>A record at a time in nanoseconds since the epoch (a µs capture drops the last three digits).</summary>
    public CaptureWriter PcapRecord(long time, byte[] frame, bool nanoseconds, int snapLength = 65535)
    {
        long whole = time / 1_000_000_000;
        long fraction = time % 1_000_000_000 / (nanoseconds ? 1 : 1000);
        int captured = Math.Min(frame.Length, snapLength);
        U32((uint)whole).U32((uint)fraction).U32((uint)captured).U32((uint)frame.Length);
        _bytes.AddRange(frame[..captured]);
        return this;
    }

    public CaptureWriter SectionHeader() => Block(0x0a0d0d0a, [.. Word(0x1a2b3c4d), .. Half(1), .. Half(0), .. new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }]);

    /// <summary>An Interface Description Block; <paramref name="tsresol"/> null leaves the default (µs).</summary>
    public CaptureWriter Interface(int linkType, byte? tsresol = null)
    {
        List<byte> body = [.. Half((ushort)linkType), 0, 0, .. Word(262144)];
        if (tsresol is byte resolution)
        {
            body.AddRange([.. Half(2), .. Half(4), (byte)'l', (byte)'o', 0, 0]); // if_name "lo", padded
            body.AddRange([.. Half(9), .. Half(1), resolution, 0, 0, 0]);
            body.AddRange([.. Half(0), .. Half(0)]);
        }

        return Block(1, [.. body]);
    }

    public CaptureWriter Enhanced(int interfaceId, ulong units, byte[] frame, int? captured = null)
    {
        int length = captured ?? frame.Length;
        return Block(6, [.. Word((uint)interfaceId), .. Word((uint)(units >> 32)), .. Word((uint)units), .. Word((uint)length), .. Word((uint)frame.Length), .. Pad(frame[..length])]);
    }

    public CaptureWriter Simple(byte[] frame) => Block(3, [.. Word((uint)frame.Length), .. Pad(frame)]);

    public CaptureWriter Block(uint type, byte[] body)
    {
        uint length = (uint)(12 + body.Length);
        U32(type).U32(length);
        _bytes.AddRange(body);
        return U32(length);
    }

    private static byte[] Pad(byte[] data) => [.. data, .. new byte[(4 - data.Length % 4) % 4]];

    private byte[] Word(uint value)
    {
        byte[] b = new byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        }

        return b;
    }

    private byte[] Half(ushort value)
    {
        byte[] b = new byte[2];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        }

        return b;
    }

    private CaptureWriter U32(uint value)
    {
        _bytes.AddRange(Word(value));
        return this;
    }

    private CaptureWriter U16(ushort value)
    {
        _bytes.AddRange(Half(value));
        return this;
    }
}
