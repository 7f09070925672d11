using System.Buffers.Binary;

namespace Meridian.Core.Analysis.Capture;

/// <summary>Recognizes a capture by its magic number: classic pcap (µs or ns, either byte order) or pcapng.</summary>
public static class CaptureFormat
{
    private const uint PcapMicroseconds = 0xa1b2c3d4;
    private const uint PcapNanoseconds = 0xa1b23c4d;
    private const uint PcapNgSectionHeader = 0x0a0d0d0a;

    /// <summary>The bytes a capture's format is recognized by; push at least this many (or complete the input) before <see cref="TryOpen"/>.</summary>
    public const int MagicLength = 4;

    /// <summary>A reader of the pushed <paramref name="input"/>, or false when it does not start like a pcap or pcapng capture.</summary>
    public static bool TryOpen(CaptureInput input, out ICaptureReader reader)
    {
        reader = null!;
        if (!input.TryPeek(MagicLength, out ReadOnlySpan<byte> magic))
        {
            return false;
        }

        uint little = BinaryPrimitives.ReadUInt32LittleEndian(magic);
        uint big = BinaryPrimitives.ReadUInt32BigEndian(magic);
        if (little == PcapNgSectionHeader)
        {
            reader = new PcapNgReader(input);
            return true;
        }

        bool? bigEndian = little is PcapMicroseconds or PcapNanoseconds ? false : big is PcapMicroseconds or PcapNanoseconds ? true : null;
        if (bigEndian is not bool order)
        {
            return false;
        }

        bool nanoseconds = (order ? big : little) == PcapNanoseconds;
        reader = new PcapReader(input, order, nanoseconds);
        return true;
    }
}
