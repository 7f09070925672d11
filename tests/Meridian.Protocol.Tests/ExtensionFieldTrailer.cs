using System.Buffers.Binary;

namespace Meridian.Protocol.Tests;

/// <summary>Builds the bytes after an NTP header: extension fields and MACs.</summary>
internal static class ExtensionFieldTrailer
{
    /// <summary>A field of <paramref name="length"/> bytes whose value bytes count up from <paramref name="firstValueByte"/>.</summary>
    public static byte[] Field(ushort type, int length, byte firstValueByte = 0) =>
        FieldDeclaring(type, (ushort)length, length, firstValueByte);

    /// <summary>A field header declaring <paramref name="declaredLength"/>, followed by enough bytes for <paramref name="actualLength"/> in all.</summary>
    public static byte[] FieldDeclaring(ushort type, ushort declaredLength, int actualLength, byte firstValueByte = 0)
    {
        var bytes = new byte[actualLength];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, type);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), declaredLength);
        for (int i = 4; i < actualLength; i++)
        {
            bytes[i] = (byte)(firstValueByte + i - 4);
        }

        return bytes;
    }

    public static byte[] Mac(int length) => Enumerable.Repeat((byte)0xA5, length).ToArray();

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
