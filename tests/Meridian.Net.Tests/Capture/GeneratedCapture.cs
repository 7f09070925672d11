using System.Buffers.Binary;

namespace Meridian.Net.Tests.Capture;

/// <summary>
/// A non-seekable stream that generates a classic µs pcap of Ethernet/IPv4 NTP exchanges on the fly:
/// record i is a request from client (i/2 mod clients) to 10.0.0.1:123 when i is even, its reply when
/// odd, at i microseconds. Nothing but one record is ever held in memory.
/// </summary>
internal sealed class GeneratedCapture(long packets, int clients) : Stream
{
    private const int FrameSize = 14 + 28 + 48;
    private readonly byte[] _record = new byte[16 + FrameSize];
    private long _next = -1;
    private int _offset;
    private int _length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int written = 0;
        while (written < buffer.Length)
        {
            if (_offset == _length && !Advance())
            {
                break;
            }

            int n = Math.Min(buffer.Length - written, _length - _offset);
            _record.AsSpan(_offset, n).CopyTo(buffer[written..]);
            _offset += n;
            written += n;
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private bool Advance()
    {
        _next++;
        if (_next == 0)
        {
            WriteFileHeader();
            (_offset, _length) = (0, 24);
            return true;
        }

        long i = _next - 1;
        if (i >= packets)
        {
            return false;
        }

        WriteRecord(i);
        (_offset, _length) = (0, _record.Length);
        return true;
    }

    /// <summary>The classic pcap file header: µs magic, version 2.4, snap length 65535, Ethernet.</summary>
    private void WriteFileHeader()
    {
        Span<byte> header = _record.AsSpan(0, 24);
        header.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
    }

    private void WriteRecord(long i)
    {
        Span<byte> r = _record;
        BinaryPrimitives.WriteUInt32LittleEndian(r, (uint)(i / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(r[4..], (uint)(i % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(r[8..], FrameSize);
        BinaryPrimitives.WriteUInt32LittleEndian(r[12..], FrameSize);
        Span<byte> ip = r[(16 + 14)..];
        r[16 + 12] = 0x08;
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], 76);
        ip[9] = 17;
        uint client = 0x0b000000u + (uint)(i / 2 % clients);
        bool request = i % 2 == 0;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], request ? client : 0x0a000001u);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], request ? 0x0a000001u : client);
        BinaryPrimitives.WriteUInt16BigEndian(ip[20..], (ushort)(request ? 40000 : 123));
        BinaryPrimitives.WriteUInt16BigEndian(ip[22..], (ushort)(request ? 123 : 40000));
    }
}
