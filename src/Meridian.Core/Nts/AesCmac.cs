using System.Buffers.Binary;
using System.Runtime.Intrinsics;

namespace Meridian.Core.Nts;

/// <summary>
/// AES-CMAC (RFC 4493; NIST SP 800-38B) with a 16- or 32-byte key, allocation-free. Also the
/// "xorend" variant S2V needs (RFC 5297 §2.4): the MAC of a string whose last 16 bytes are XORed
/// with a block, computed without copying the string. One owner per instance.
/// </summary>
public sealed class AesCmac : IDisposable
{
    private readonly AesBlockCipher _cipher = new();
    private Vector128<byte> _subkey1;
    private Vector128<byte> _subkey2;

    public void SetKey(ReadOnlySpan<byte> key)
    {
        _cipher.SetKey(key);
        _subkey1 = MultiplyByX(_cipher.Encrypt(Vector128<byte>.Zero));
        _subkey2 = MultiplyByX(_subkey1);
    }

    /// <summary>The 16-byte MAC of <paramref name="message"/>.</summary>
    public Vector128<byte> Compute(ReadOnlySpan<byte> message) => Compute(message, Vector128<byte>.Zero, xorEnd: false);

    /// <summary>The MAC of <paramref name="message"/> (at least 16 bytes) with <paramref name="end"/> XORed into its last 16 bytes.</summary>
    public Vector128<byte> ComputeXorEnd(ReadOnlySpan<byte> message, Vector128<byte> end)
    {
        if (message.Length < 16)
        {
            throw new ArgumentException("xorend needs at least 16 bytes", nameof(message));
        }

        return Compute(message, end, xorEnd: true);
    }

    /// <summary>Multiplication by x in GF(2^128) (RFC 5297's dbl, RFC 4493's subkey step), without a secret-dependent branch.</summary>
    public static Vector128<byte> MultiplyByX(Vector128<byte> value)
    {
        // The block is big-endian: byte-swap its halves into integers, shift, swap back. All in registers.
        ulong high = BinaryPrimitives.ReverseEndianness(value.AsUInt64().GetElement(0));
        ulong low = BinaryPrimitives.ReverseEndianness(value.AsUInt64().GetElement(1));
        ulong carry = 0 - (high >> 63);
        high = (high << 1) | (low >> 63);
        low = (low << 1) ^ (carry & 0x87);
        return Vector128.Create(BinaryPrimitives.ReverseEndianness(high), BinaryPrimitives.ReverseEndianness(low)).AsByte();
    }

    public void Dispose() => _cipher.Dispose();

    private Vector128<byte> Compute(ReadOnlySpan<byte> message, Vector128<byte> end, bool xorEnd)
    {
        int length = message.Length;
        if (length == 0)
        {
            Vector128<byte> padded = Vector128.Create((byte)0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            return _cipher.Encrypt(padded ^ _subkey2);
        }

        // The final block (1 to 16 bytes) starts at lastStart. The bytes from tailStart on are copied
        // to the stack, where the XOR of xorend (the last 16 bytes) and the padding are applied.
        int lastStart = (length - 1) / 16 * 16;
        int tailStart = xorEnd ? (length - 16) / 16 * 16 : lastStart;
        Span<byte> tail = stackalloc byte[32];
        tail.Clear();
        message[tailStart..].CopyTo(tail);
        int tailLength = length - tailStart;
        if (xorEnd)
        {
            Span<byte> endBytes = stackalloc byte[16];
            end.CopyTo(endBytes);
            for (int i = 0; i < 16; i++)
            {
                tail[tailLength - 16 + i] ^= endBytes[i];
            }
        }

        Vector128<byte> x = Vector128<byte>.Zero;
        for (int offset = 0; offset < tailStart; offset += 16)
        {
            x = _cipher.Encrypt(x ^ Vector128.Create(message.Slice(offset, 16)));
        }

        for (int offset = tailStart; offset < lastStart; offset += 16)
        {
            x = _cipher.Encrypt(x ^ Vector128.Create((ReadOnlySpan<byte>)tail.Slice(offset - tailStart, 16)));
        }

        int lastLength = length - lastStart;
        Span<byte> last = tail.Slice(lastStart - tailStart, 16);
        Vector128<byte> subkey = _subkey1;
        if (lastLength < 16)
        {
            last[lastLength] = 0x80;
            subkey = _subkey2;
        }

        return _cipher.Encrypt(x ^ Vector128.Create((ReadOnlySpan<byte>)last) ^ subkey);
    }
}
