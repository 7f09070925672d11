using System.Buffers.Binary;

namespace Meridian.Core.Nts;

/// <summary>
/// The NTS-KE record layer (RFC 8915 §4): each record is a 16-bit word (critical bit, then the
/// 15-bit type), a 16-bit body length and the body; a message is records up to and including End
/// of Message. Reading never throws and never reads past the bytes given.
/// </summary>
public static class NtsKeRecords
{
    public const int HeaderLength = 4;
    public const ushort CriticalBit = 0x8000;

    /// <summary>The largest body a record can declare.</summary>
    public const int MaxBodyLength = ushort.MaxValue;

    /// <summary>Reads the record at <paramref name="offset"/>; false when the bytes left hold no whole record.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, ref int offset, out NtsKeRecord record)
    {
        record = default;
        if (offset < 0 || data.Length - offset < HeaderLength)
        {
            return false;
        }

        ushort word = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
        int length = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
        if (data.Length - offset - HeaderLength < length)
        {
            return false;
        }

        record = new NtsKeRecord((word & CriticalBit) != 0, (ushort)(word & ~CriticalBit), data.Slice(offset + HeaderLength, length));
        offset += HeaderLength + length;
        return true;
    }

    /// <summary>
    /// Where the first message in <paramref name="data"/> ends: Complete with its length (End of
    /// Message included), Incomplete when more bytes may finish it, TooLarge when it cannot end
    /// within <paramref name="maxMessageLength"/> bytes or has more than <paramref name="maxRecords"/> records.
    /// </summary>
    public static NtsKeFraming Frame(ReadOnlySpan<byte> data, int maxMessageLength, int maxRecords, out int messageLength)
    {
        messageLength = 0;
        int offset = 0;
        int records = 0;
        while (true)
        {
            if (data.Length - offset >= HeaderLength)
            {
                int declared = HeaderLength + BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
                if (offset + declared > maxMessageLength || ++records > maxRecords)
                {
                    return NtsKeFraming.TooLarge;
                }
            }
            else if (offset + HeaderLength > maxMessageLength)
            {
                return NtsKeFraming.TooLarge;
            }

            if (!TryRead(data, ref offset, out NtsKeRecord record))
            {
                return NtsKeFraming.Incomplete;
            }

            if (record.Is(NtsKeRecordType.EndOfMessage))
            {
                messageLength = offset;
                return NtsKeFraming.Complete;
            }
        }
    }

    /// <summary>Writes one record; returns its length, or 0 when it does not fit in <paramref name="destination"/>.</summary>
    public static int Write(Span<byte> destination, NtsKeRecordType type, bool critical, ReadOnlySpan<byte> body)
    {
        int length = HeaderLength + body.Length;
        if (body.Length > MaxBodyLength || destination.Length < length)
        {
            return 0;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)((ushort)type | (critical ? CriticalBit : 0)));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)body.Length);
        body.CopyTo(destination[HeaderLength..]);
        return length;
    }

    /// <summary>Writes a record whose body is one 16-bit value (Error, Warning, Port, a single protocol or AEAD).</summary>
    public static int WriteUInt16(Span<byte> destination, NtsKeRecordType type, bool critical, ushort value)
    {
        Span<byte> body = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(body, value);
        return Write(destination, type, critical, body);
    }

    /// <summary>Writes End of Message (critical, empty).</summary>
    public static int WriteEnd(Span<byte> destination) => Write(destination, NtsKeRecordType.EndOfMessage, critical: true, []);
}
