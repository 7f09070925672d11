using System.Buffers.Binary;

namespace Meridian.Core.Analysis.Capture;

/// <summary>
/// pcapng: blocks of (type, total length, body, total length). Section Header Blocks set the byte
/// order and reset the interfaces; Interface Description Blocks give each interface's link type and
/// <c>if_tsresol</c>; Enhanced, Simple and (obsolete) Packet Blocks carry packets; every other block
/// is skipped by its length.
/// </summary>
public sealed class PcapNgReader : ICaptureReader
{
    private const uint SectionHeader = 0x0a0d0d0a;
    private const uint InterfaceDescription = 1;
    private const uint ObsoletePacket = 2;
    private const uint SimplePacket = 3;
    private const uint EnhancedPacket = 6;
    private const uint ByteOrderMagic = 0x1a2b3c4d;
    private const ushort OptionTimestampResolution = 9;
    private const int MaxInterfaces = 4096;

    private readonly CaptureInput _input;
    private readonly List<PcapNgInterface> _interfaces = [];
    private bool _bigEndian;

    internal PcapNgReader(CaptureInput input)
    {
        _input = input;
    }

    public string? Problem { get; private set; }

    public CaptureReadStatus Read(out CapturedPacket packet)
    {
        packet = default;
        while (true)
        {
            CaptureReadStatus status = ReadBlock(out uint type, out ReadOnlySpan<byte> body);
            if (status != CaptureReadStatus.Packet)
            {
                return status;
            }

            if (type == SectionHeader && !StartSection(body))
            {
                return Stop(CaptureReadStatus.Malformed, "a section header has no valid byte-order magic");
            }

            if (type == InterfaceDescription && !AddInterface(body))
            {
                return Stop(CaptureReadStatus.Malformed, "an interface description block is malformed");
            }

            if (type is EnhancedPacket or ObsoletePacket or SimplePacket)
            {
                return ReadPacket(type, body, out packet);
            }
        }
    }

    /// <summary>One whole block; its body excludes the type, the two lengths and nothing else.</summary>
    private CaptureReadStatus ReadBlock(out uint type, out ReadOnlySpan<byte> body)
    {
        body = default;
        type = 0;
        if (!_input.TryPeek(12, out ReadOnlySpan<byte> head))
        {
            return _input.IsComplete && _input.Pending == 0 ? CaptureReadStatus.End : Short("the last block header is cut short");
        }

        type = ByteOrder.U32(head, _bigEndian);
        if (type == SectionHeader)
        {
            // The section's own byte-order magic decides how to read its length.
            _bigEndian = BinaryPrimitives.ReadUInt32BigEndian(head[8..]) == ByteOrderMagic;
        }

        uint length = ByteOrder.U32(head[4..], _bigEndian);
        if (length < 12 || length % 4 != 0 || length > CaptureInput.MaxRecord)
        {
            return Stop(CaptureReadStatus.Malformed, $"a block of type {type:x} claims {length} bytes at offset {_input.Position}");
        }

        if (!_input.TryTake((int)length, out ReadOnlySpan<byte> block))
        {
            return Short("the last block is cut short");
        }

        body = block[8..^4];
        return CaptureReadStatus.Packet;
    }

    private bool StartSection(ReadOnlySpan<byte> body)
    {
        _interfaces.Clear();
        return body.Length >= 4 && ByteOrder.U32(body, _bigEndian) == ByteOrderMagic;
    }

    private bool AddInterface(ReadOnlySpan<byte> body)
    {
        if (body.Length < 8 || _interfaces.Count >= MaxInterfaces)
        {
            return false;
        }

        int linkType = ByteOrder.U16(body, _bigEndian);
        uint snapLength = ByteOrder.U32(body[4..], _bigEndian);
        _interfaces.Add(new PcapNgInterface(linkType, snapLength, FindResolution(body[8..])));
        return true;
    }

    private byte FindResolution(ReadOnlySpan<byte> options)
    {
        while (options.Length >= 4)
        {
            ushort code = ByteOrder.U16(options, _bigEndian);
            int length = ByteOrder.U16(options[2..], _bigEndian);
            if (code == 0 || 4 + length > options.Length)
            {
                break;
            }

            if (code == OptionTimestampResolution && length >= 1)
            {
                return options[4];
            }

            options = options[Math.Min(options.Length, 4 + ((length + 3) & ~3))..];
        }

        return PcapNgInterface.Microseconds;
    }

    /// <summary>Packet, or Malformed when the block names an unknown interface or overruns itself.</summary>
    private CaptureReadStatus ReadPacket(uint type, ReadOnlySpan<byte> body, out CapturedPacket packet)
    {
        packet = default;
        if (type == SimplePacket)
        {
            return ReadSimplePacket(body, out packet);
        }

        if (body.Length < 20)
        {
            return Stop(CaptureReadStatus.Malformed, "a packet block is too short");
        }

        uint id = type == EnhancedPacket ? ByteOrder.U32(body, _bigEndian) : ByteOrder.U16(body, _bigEndian);
        ulong units = ((ulong)ByteOrder.U32(body[4..], _bigEndian) << 32) | ByteOrder.U32(body[8..], _bigEndian);
        uint captured = ByteOrder.U32(body[12..], _bigEndian);
        if (id >= _interfaces.Count || captured > body.Length - 20)
        {
            return Stop(CaptureReadStatus.Malformed, $"a packet block names interface {id} or claims {captured} bytes beyond its block");
        }

        PcapNgInterface link = _interfaces[(int)id];
        packet = new CapturedPacket(link.LinkType, body.Slice(20, (int)captured), link.ToNanoseconds(units), hasTimestamp: true);
        return CaptureReadStatus.Packet;
    }

    private CaptureReadStatus ReadSimplePacket(ReadOnlySpan<byte> body, out CapturedPacket packet)
    {
        packet = default;
        if (_interfaces.Count == 0 || body.Length < 4)
        {
            return Stop(CaptureReadStatus.Malformed, "a simple packet block without an interface");
        }

        PcapNgInterface link = _interfaces[0];
        long original = ByteOrder.U32(body, _bigEndian);
        long captured = Math.Min(Math.Min(original, body.Length - 4), link.SnapLength == 0 ? long.MaxValue : link.SnapLength);
        packet = new CapturedPacket(link.LinkType, body.Slice(4, (int)captured), 0, hasTimestamp: false);
        return CaptureReadStatus.Packet;
    }

    /// <summary>Too few bytes: wait for more, or, once the input is complete, a truncated capture.</summary>
    private CaptureReadStatus Short(string problem) =>
        _input.IsComplete ? Stop(CaptureReadStatus.Truncated, problem) : CaptureReadStatus.NeedMoreData;

    private CaptureReadStatus Stop(CaptureReadStatus status, string problem)
    {
        Problem = problem;
        return status;
    }
}
