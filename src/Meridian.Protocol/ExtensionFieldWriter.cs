using System.Buffers.Binary;

namespace Meridian.Protocol;

/// <summary>Writes RFC 7822 extension fields: type, length, the value, zero padding to a multiple of 4 and to the 16-byte minimum.</summary>
public static class ExtensionFieldWriter
{
    /// <summary>The type and length words.</summary>
    public const int HeaderLength = 4;

    /// <summary>The length of a field carrying <paramref name="valueLength"/> bytes.</summary>
    public static int FieldLength(int valueLength) => Math.Max((HeaderLength + valueLength + 3) & ~3, ExtensionFieldReader.MinFieldLength);

    /// <summary>Writes one field; returns its length, or 0 when it does not fit <paramref name="destination"/>.</summary>
    public static int Write(Span<byte> destination, ushort type, ReadOnlySpan<byte> value)
    {
        int length = FieldLength(value.Length);
        if (length > destination.Length || length > ushort.MaxValue)
        {
            return 0;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)length);
        value.CopyTo(destination[HeaderLength..]);
        destination[(HeaderLength + value.Length)..length].Clear();
        return length;
    }

    /// <summary>
    /// Writes the type and length of a field whose <paramref name="valueLength"/>-byte value the
    /// caller writes after the header, and zeroes its padding; returns the field length, or 0 when it does not fit.
    /// </summary>
    public static int WriteHeader(Span<byte> destination, ushort type, int valueLength)
    {
        int length = FieldLength(valueLength);
        if (length > destination.Length || length > ushort.MaxValue)
        {
            return 0;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)length);
        destination[(HeaderLength + valueLength)..length].Clear();
        return length;
    }
}
