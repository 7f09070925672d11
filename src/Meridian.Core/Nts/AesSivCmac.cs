using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace Meridian.Core.Nts;

/// <summary>
/// AEAD_AES_SIV_CMAC_256 and _512 (RFC 5297): S2V over any number of associated-data strings
/// with AES-CMAC under the key's left half, then AES-CTR under its right half from the synthetic
/// IV with bits 31 and 63 cleared. The sealed form is the 16-byte SIV followed by the ciphertext.
/// Allocation-free on processors with AES instructions; keyed again per use at no allocation.
/// One owner (one thread) per instance. Plaintext and output must not overlap.
/// </summary>
public sealed class AesSivCmac : IDisposable
{
    /// <summary>The synthetic IV, which is also the tag.</summary>
    public const int TagLength = 16;

    private readonly AesCmac _mac = new();
    private readonly AesBlockCipher _ctr = new();
    private Vector128<byte> _macOfZero;
    private Vector128<byte> _chain;

    /// <summary>The key length of an algorithm: 32 bytes for _256, 64 for _512.</summary>
    public static int KeyLength(NtsAead aead) => aead switch
    {
        NtsAead.AesSivCmac256 => 32,
        NtsAead.AesSivCmac512 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(aead), aead, "not an AES-SIV-CMAC algorithm"),
    };

    /// <summary>Keys both halves: 32 bytes (AES-128 twice) or 64 bytes (AES-256 twice).</summary>
    public void SetKey(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (32 or 64))
        {
            throw new ArgumentException("an AES-SIV-CMAC key is 32 or 64 bytes", nameof(key));
        }

        int half = key.Length / 2;
        _mac.SetKey(key[..half]);
        _ctr.SetKey(key[half..]);
        _macOfZero = _mac.Compute(stackalloc byte[16]);
    }

    /// <summary>Starts S2V (D = CMAC(K, zero block)); follow with <see cref="AddAssociatedData"/> per string.</summary>
    public void Begin() => _chain = _macOfZero;

    /// <summary>Folds one associated-data string (the nonce is one too, last) into S2V.</summary>
    public void AddAssociatedData(ReadOnlySpan<byte> data) => _chain = AesCmac.MultiplyByX(_chain) ^ _mac.Compute(data);

    /// <summary>Finishes S2V over <paramref name="plaintext"/> and writes the SIV then the ciphertext into <paramref name="output"/> (plaintext length + 16).</summary>
    public void Encrypt(ReadOnlySpan<byte> plaintext, Span<byte> output)
    {
        if (output.Length < plaintext.Length + TagLength)
        {
            throw new ArgumentException("the output is shorter than the plaintext and the tag", nameof(output));
        }

        Vector128<byte> siv = FinishS2V(plaintext);
        siv.CopyTo(output);
        Counter(siv, plaintext, output.Slice(TagLength, plaintext.Length));
    }

    /// <summary>
    /// Decrypts <paramref name="sealed"/> (SIV then ciphertext) into <paramref name="plaintext"/> and
    /// checks the SIV against S2V in constant time; on a mismatch the plaintext is cleared and false returned.
    /// </summary>
    public bool Decrypt(ReadOnlySpan<byte> @sealed, Span<byte> plaintext)
    {
        int length = @sealed.Length - TagLength;
        if (length < 0 || plaintext.Length < length)
        {
            return false;
        }

        Span<byte> tags = stackalloc byte[2 * TagLength];
        Vector128<byte> siv = Vector128.Create(@sealed[..TagLength]);
        Span<byte> output = plaintext[..length];
        Counter(siv, @sealed[TagLength..], output);
        siv.CopyTo(tags);
        FinishS2V(output).CopyTo(tags[TagLength..]);
        if (CryptographicOperations.FixedTimeEquals(tags[..TagLength], tags[TagLength..]))
        {
            return true;
        }

        output.Clear();
        return false;
    }

    /// <summary>RFC 5116's interface as NTS uses it: S2V(associated data, nonce, plaintext).</summary>
    public void Seal(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> output)
    {
        Begin();
        AddAssociatedData(associatedData);
        AddAssociatedData(nonce);
        Encrypt(plaintext, output);
    }

    /// <summary>
    /// <see cref="Seal"/> in place: <paramref name="region"/> holds room for the tag followed by the
    /// plaintext, which is encrypted where it lies (the NTS reply's cookies are written there first).
    /// </summary>
    public void SealInPlace(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> nonce, Span<byte> region)
    {
        Begin();
        AddAssociatedData(associatedData);
        AddAssociatedData(nonce);
        Span<byte> plaintext = region[TagLength..];
        Vector128<byte> siv = FinishS2V(plaintext);
        Counter(siv, plaintext, plaintext);
        siv.CopyTo(region);
    }

    /// <summary>The inverse of <see cref="Seal"/>; false (plaintext cleared) when the tag does not match.</summary>
    public bool TryOpen(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> @sealed, Span<byte> plaintext)
    {
        Begin();
        AddAssociatedData(associatedData);
        AddAssociatedData(nonce);
        return Decrypt(@sealed, plaintext);
    }

    public void Dispose()
    {
        _mac.Dispose();
        _ctr.Dispose();
        _macOfZero = default;
        _chain = default;
    }

    private Vector128<byte> FinishS2V(ReadOnlySpan<byte> plaintext)
    {
        if (plaintext.Length >= 16)
        {
            return _mac.ComputeXorEnd(plaintext, _chain);
        }

        Span<byte> padded = stackalloc byte[16];
        padded.Clear();
        plaintext.CopyTo(padded);
        padded[plaintext.Length] = 0x80;
        (AesCmac.MultiplyByX(_chain) ^ Vector128.Create((ReadOnlySpan<byte>)padded)).CopyTo(padded);
        return _mac.Compute(padded);
    }

    /// <summary>CTR from the SIV with bits 63 and 31 cleared, the counter a 128-bit big-endian integer.</summary>
    private void Counter(Vector128<byte> siv, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Span<byte> block = stackalloc byte[16];
        siv.CopyTo(block);
        ulong high = BinaryPrimitives.ReadUInt64BigEndian(block);
        ulong low = BinaryPrimitives.ReadUInt64BigEndian(block[8..]) & 0x7FFF_FFFF_7FFF_FFFFUL;
        int offset = 0;
        for (; offset + 64 <= input.Length; offset += 64)
        {
            Vector128<byte> a = CounterBlock(high, low);
            Vector128<byte> b = CounterBlock(high, low + 1);
            Vector128<byte> c = CounterBlock(high, low + 2);
            Vector128<byte> d = CounterBlock(high, low + 3);
            low += 4;
            _ctr.Encrypt4(ref a, ref b, ref c, ref d);
            (a ^ Vector128.Create(input.Slice(offset, 16))).CopyTo(output[offset..]);
            (b ^ Vector128.Create(input.Slice(offset + 16, 16))).CopyTo(output[(offset + 16)..]);
            (c ^ Vector128.Create(input.Slice(offset + 32, 16))).CopyTo(output[(offset + 32)..]);
            (d ^ Vector128.Create(input.Slice(offset + 48, 16))).CopyTo(output[(offset + 48)..]);
        }

        for (; offset + 16 <= input.Length; offset += 16)
        {
            (_ctr.Encrypt(CounterBlock(high, low++)) ^ Vector128.Create(input.Slice(offset, 16))).CopyTo(output[offset..]);
        }

        if (offset < input.Length)
        {
            _ctr.Encrypt(CounterBlock(high, low)).CopyTo(block);
            for (int i = offset; i < input.Length; i++)
            {
                output[i] = (byte)(input[i] ^ block[i - offset]);
            }
        }
    }

    /// <summary>
    /// The counter block for (high, low) in big-endian order. With bits 31 and 63 cleared the low
    /// half cannot wrap within a message NTS can carry, so the high half never takes a carry.
    /// </summary>
    private static Vector128<byte> CounterBlock(ulong high, ulong low) =>
        Vector128.Create(BinaryPrimitives.ReverseEndianness(high), BinaryPrimitives.ReverseEndianness(low)).AsByte();
}
