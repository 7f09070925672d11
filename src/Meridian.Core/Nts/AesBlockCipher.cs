using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace Meridian.Core.Nts;

/// <summary>
/// AES-128 or AES-256 in the forward direction only (CMAC and CTR never decrypt), keyed again at
/// will without allocating: the key schedule and the rounds run on the AES instructions through
/// .NET's intrinsics (constant time, no tables). On a processor without them it falls back to
/// <see cref="System.Security.Cryptography.Aes"/> one block at a time — correct, but slower and
/// allocating. One owner (one thread) per instance.
/// </summary>
public sealed class AesBlockCipher : IDisposable
{
    private AesRoundKeys _keys;
    private int _rounds;
    private System.Security.Cryptography.Aes? _portable;

    /// <summary>True when the AES instructions are used (the allocation-free path).</summary>
    public static bool IsAccelerated => X86Aes.IsSupported && Sse2.IsSupported;

    /// <summary>Keys the cipher with a 16-byte (AES-128) or 32-byte (AES-256) key.</summary>
    public void SetKey(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (16 or 32))
        {
            throw new ArgumentException("an AES key is 16 or 32 bytes", nameof(key));
        }

        if (!IsAccelerated)
        {
            _portable ??= System.Security.Cryptography.Aes.Create();
            _portable.Key = key.ToArray();
            return;
        }

        if (key.Length == 16)
        {
            Expand128(Vector128.Create(key));
        }
        else
        {
            Expand256(Vector128.Create(key), Vector128.Create(key[16..]));
        }
    }

    /// <summary>One block through the cipher.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<byte> Encrypt(Vector128<byte> block)
    {
        if (!IsAccelerated)
        {
            return EncryptPortable(block);
        }

        // Unrolled: constant indexes into the inline round keys, no loop, no bounds checks.
        Vector128<byte> x = block ^ _keys[0];
        x = X86Aes.Encrypt(x, _keys[1]);
        x = X86Aes.Encrypt(x, _keys[2]);
        x = X86Aes.Encrypt(x, _keys[3]);
        x = X86Aes.Encrypt(x, _keys[4]);
        x = X86Aes.Encrypt(x, _keys[5]);
        x = X86Aes.Encrypt(x, _keys[6]);
        x = X86Aes.Encrypt(x, _keys[7]);
        x = X86Aes.Encrypt(x, _keys[8]);
        x = X86Aes.Encrypt(x, _keys[9]);
        if (_rounds == 10)
        {
            return X86Aes.EncryptLast(x, _keys[10]);
        }

        x = X86Aes.Encrypt(x, _keys[10]);
        x = X86Aes.Encrypt(x, _keys[11]);
        x = X86Aes.Encrypt(x, _keys[12]);
        x = X86Aes.Encrypt(x, _keys[13]);
        return X86Aes.EncryptLast(x, _keys[14]);
    }

    /// <summary>Four independent blocks at once (counter mode): the rounds of each overlap in the pipeline.</summary>
    public void Encrypt4(ref Vector128<byte> a, ref Vector128<byte> b, ref Vector128<byte> c, ref Vector128<byte> d)
    {
        if (!IsAccelerated)
        {
            a = EncryptPortable(a);
            b = EncryptPortable(b);
            c = EncryptPortable(c);
            d = EncryptPortable(d);
            return;
        }

        Vector128<byte> k = _keys[0];
        a ^= k;
        b ^= k;
        c ^= k;
        d ^= k;
        for (int i = 1; i < _rounds; i++)
        {
            k = _keys[i];
            a = X86Aes.Encrypt(a, k);
            b = X86Aes.Encrypt(b, k);
            c = X86Aes.Encrypt(c, k);
            d = X86Aes.Encrypt(d, k);
        }

        k = _keys[_rounds];
        a = X86Aes.EncryptLast(a, k);
        b = X86Aes.EncryptLast(b, k);
        c = X86Aes.EncryptLast(c, k);
        d = X86Aes.EncryptLast(d, k);
    }

    public void Dispose()
    {
        _keys = default;
        _portable?.Dispose();
    }

    private Vector128<byte> EncryptPortable(Vector128<byte> block)
    {
        Span<byte> bytes = stackalloc byte[16];
        block.CopyTo(bytes);
        _portable!.EncryptEcb(bytes, bytes, PaddingMode.None);
        return Vector128.Create((ReadOnlySpan<byte>)bytes);
    }

    private void Expand128(Vector128<byte> k)
    {
        _rounds = 10;
        _keys[0] = k;
        _keys[1] = k = Next(k, Word3(X86Aes.KeygenAssist(k, 0x01)));
        _keys[2] = k = Next(k, Word3(X86Aes.KeygenAssist(k, 0x02)));
        _keys[3] = k = Next(k, Word3(X86Aes.KeygenAssist(k, 0x04)));
        _keys[4] = k = Next(k, Word3(X86Aes.KeygenAssist(k, 0x08)));
        _keys[5] = k = Next(k, Word3(X86Aes.KeygenAssist(k, 0x10)));
        _keys[6] = k = Next(k, Word3(X86Aes.KeygenAssist(k, 0x20)));
        _keys[7] = k = Next(k, Word3(X86Aes.KeygenAssist(k, 0x40)));
        _keys[8] = k = Next(k, Word3(X86Aes.KeygenAssist(k, 0x80)));
        _keys[9] = k = Next(k, Word3(X86Aes.KeygenAssist(k, 0x1B)));
        _keys[10] = Next(k, Word3(X86Aes.KeygenAssist(k, 0x36)));
    }

    private void Expand256(Vector128<byte> even, Vector128<byte> odd)
    {
        _rounds = 14;
        _keys[0] = even;
        _keys[1] = odd;
        _keys[2] = even = Next(even, Word3(X86Aes.KeygenAssist(odd, 0x01)));
        _keys[3] = odd = Next(odd, Word2(X86Aes.KeygenAssist(even, 0x00)));
        _keys[4] = even = Next(even, Word3(X86Aes.KeygenAssist(odd, 0x02)));
        _keys[5] = odd = Next(odd, Word2(X86Aes.KeygenAssist(even, 0x00)));
        _keys[6] = even = Next(even, Word3(X86Aes.KeygenAssist(odd, 0x04)));
        _keys[7] = odd = Next(odd, Word2(X86Aes.KeygenAssist(even, 0x00)));
        _keys[8] = even = Next(even, Word3(X86Aes.KeygenAssist(odd, 0x08)));
        _keys[9] = odd = Next(odd, Word2(X86Aes.KeygenAssist(even, 0x00)));
        _keys[10] = even = Next(even, Word3(X86Aes.KeygenAssist(odd, 0x10)));
        _keys[11] = odd = Next(odd, Word2(X86Aes.KeygenAssist(even, 0x00)));
        _keys[12] = even = Next(even, Word3(X86Aes.KeygenAssist(odd, 0x20)));
        _keys[13] = Next(odd, Word2(X86Aes.KeygenAssist(even, 0x00)));
        _keys[14] = Next(even, Word3(X86Aes.KeygenAssist(_keys[13], 0x40)));
    }

    /// <summary>The assist's word 3 (RotWord(SubWord) ^ rcon) in every lane: the step after an odd round key.</summary>
    private static Vector128<byte> Word3(Vector128<byte> assist) => Sse2.Shuffle(assist.AsUInt32(), 0xFF).AsByte();

    /// <summary>The assist's word 2 (SubWord) in every lane: AES-256's step after an even round key.</summary>
    private static Vector128<byte> Word2(Vector128<byte> assist) => Sse2.Shuffle(assist.AsUInt32(), 0xAA).AsByte();

    /// <summary>One step of the key schedule: the previous round key's words chained, XORed with the (broadcast) assist word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Next(Vector128<byte> previous, Vector128<byte> assist)
    {
        previous ^= Sse2.ShiftLeftLogical128BitLane(previous, 4);
        previous ^= Sse2.ShiftLeftLogical128BitLane(previous, 4);
        previous ^= Sse2.ShiftLeftLogical128BitLane(previous, 4);
        return previous ^ assist;
    }
}
