using System.Buffers.Binary;

namespace Meridian.Protocol;

/// <summary>
/// The body of the NTS Authenticator and Encrypted Extension Fields field (RFC 8915 §5.6): nonce
/// length, ciphertext length, the nonce and the ciphertext each padded to 4 bytes, then optional
/// padding. The nonce area (nonce, its padding and any additional padding) is at least
/// <see cref="MinNonceArea"/> bytes, as chrony also requires.
/// </summary>
public static class NtsAuthenticatorField
{
    /// <summary>The nonce length and ciphertext length words.</summary>
    public const int HeaderLength = 4;

    /// <summary>The least room for the nonce: 16 bytes, the nonce AES-SIV-CMAC senders use.</summary>
    public const int MinNonceArea = 16;

    /// <summary>The ciphertext is at least the 16-byte SIV tag.</summary>
    public const int MinCiphertextLength = 16;

    /// <summary>Reads a body; false when its lengths do not fit it.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> nonce, out ReadOnlySpan<byte> ciphertext)
    {
        nonce = default;
        ciphertext = default;
        if (body.Length < HeaderLength)
        {
            return false;
        }

        int nonceLength = BinaryPrimitives.ReadUInt16BigEndian(body);
        int ciphertextLength = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
        int nonceArea = Padded(nonceLength);
        if (nonceLength < 1 || ciphertextLength < MinCiphertextLength
            || HeaderLength + nonceArea + Padded(ciphertextLength) > body.Length
            || HeaderLength + MinNonceArea + Padded(ciphertextLength) > body.Length)
        {
            return false;
        }

        nonce = body.Slice(HeaderLength, nonceLength);
        ciphertext = body.Slice(HeaderLength + nonceArea, ciphertextLength);
        return true;
    }

    /// <summary>The whole field's length (4-byte field header included) for a nonce and ciphertext of these lengths, without additional padding.</summary>
    public static int FieldLength(int nonceLength, int ciphertextLength) =>
        ExtensionFieldWriter.HeaderLength + HeaderLength + Math.Max(Padded(nonceLength), MinNonceArea) + Padded(ciphertextLength);

    /// <summary>
    /// Writes the field header, the body's lengths, the nonce and zero padding into <paramref name="destination"/>,
    /// leaving the ciphertext to the caller at <paramref name="ciphertextOffset"/> (from the field's start).
    /// Returns the field length, or 0 when it does not fit.
    /// </summary>
    public static int WriteFrame(Span<byte> destination, ReadOnlySpan<byte> nonce, int ciphertextLength, out int ciphertextOffset)
    {
        ciphertextOffset = 0;
        int length = FieldLength(nonce.Length, ciphertextLength);
        if (nonce.IsEmpty || length > destination.Length || length > ushort.MaxValue)
        {
            return 0;
        }

        Span<byte> field = destination[..length];
        BinaryPrimitives.WriteUInt16BigEndian(field, NtsFieldType.Authenticator);
        BinaryPrimitives.WriteUInt16BigEndian(field[2..], (ushort)length);
        BinaryPrimitives.WriteUInt16BigEndian(field[4..], (ushort)nonce.Length);
        BinaryPrimitives.WriteUInt16BigEndian(field[6..], (ushort)ciphertextLength);
        int nonceOffset = ExtensionFieldWriter.HeaderLength + HeaderLength;
        ciphertextOffset = nonceOffset + Math.Max(Padded(nonce.Length), MinNonceArea);
        field[nonceOffset..ciphertextOffset].Clear();
        nonce.CopyTo(field[nonceOffset..]);
        field[(ciphertextOffset + ciphertextLength)..].Clear();
        return length;
    }

    private static int Padded(int length) => (length + 3) & ~3;
}
