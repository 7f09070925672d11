using System.Buffers.Binary;

namespace Meridian.Core.Nts;

/// <summary>
/// Meridian's cookie (RFC 8915 §6's suggested shape): key id (4 bytes, big-endian) ‖ nonce (16) ‖
/// AES-SIV-CMAC-256 under the master key of [AEAD id (2) ‖ 0 (2) ‖ C2S key ‖ S2C key], with the
/// key id as associated data. 104 bytes for AEAD_AES_SIV_CMAC_256, 168 for _512. Stateless: the
/// server keeps nothing per client. Allocation-free; the master key's schedule is reused while the
/// same key is asked for. One owner per instance.
/// </summary>
public sealed class NtsCookieCodec : IDisposable
{
    public const int KeyIdLength = 4;
    public const int NonceLength = 16;
    private const int PlaintextHeaderLength = 4;
    private const int MaxPlaintextLength = PlaintextHeaderLength + 2 * 64;

    private readonly AesSivCmac _siv = new();
    private NtsMasterKey? _keyed;

    /// <summary>The cookie length for an AEAD: 104 bytes (_256) or 168 (_512).</summary>
    public static int CookieLength(NtsAead aead) =>
        KeyIdLength + NonceLength + AesSivCmac.TagLength + PlaintextHeaderLength + 2 * AesSivCmac.KeyLength(aead);

    /// <summary>True for the AEADs this server issues cookies for.</summary>
    public static bool Supports(NtsAead aead) => aead is NtsAead.AesSivCmac256 or NtsAead.AesSivCmac512;

    /// <summary>Seals the keys into <paramref name="cookie"/> under <paramref name="key"/>; returns the cookie length.</summary>
    public int Seal(NtsMasterKey key, NtsAead aead, ReadOnlySpan<byte> c2sKey, ReadOnlySpan<byte> s2cKey, ReadOnlySpan<byte> nonce, Span<byte> cookie)
    {
        int keyLength = AesSivCmac.KeyLength(aead);
        int length = CookieLength(aead);
        if (c2sKey.Length != keyLength || s2cKey.Length != keyLength || nonce.Length != NonceLength || cookie.Length < length)
        {
            throw new ArgumentException("key, nonce or cookie buffer of the wrong length");
        }

        Span<byte> plaintext = stackalloc byte[MaxPlaintextLength];
        plaintext = plaintext[..(PlaintextHeaderLength + 2 * keyLength)];
        BinaryPrimitives.WriteUInt16BigEndian(plaintext, (ushort)aead);
        plaintext[2] = 0;
        plaintext[3] = 0;
        c2sKey.CopyTo(plaintext[PlaintextHeaderLength..]);
        s2cKey.CopyTo(plaintext[(PlaintextHeaderLength + keyLength)..]);

        BinaryPrimitives.WriteUInt32BigEndian(cookie, key.Id);
        nonce.CopyTo(cookie[KeyIdLength..]);
        Use(key);
        _siv.Seal(cookie[..KeyIdLength], nonce, plaintext, cookie[(KeyIdLength + NonceLength)..length]);
        plaintext.Clear();
        return length;
    }

    /// <summary>
    /// Opens a cookie with the ring's key of its id; on success the AEAD and both keys (each
    /// <see cref="AesSivCmac.KeyLength"/> bytes, written to the front of the 64-byte buffers) are out.
    /// </summary>
    public NtsCookieOpening TryOpen(NtsKeyRing ring, ReadOnlySpan<byte> cookie, out NtsAead aead, Span<byte> c2sKey, Span<byte> s2cKey)
    {
        aead = default;
        if (cookie.Length != CookieLength(NtsAead.AesSivCmac256) && cookie.Length != CookieLength(NtsAead.AesSivCmac512))
        {
            return NtsCookieOpening.Invalid;
        }

        if (ring.Find(BinaryPrimitives.ReadUInt32BigEndian(cookie)) is not NtsMasterKey key)
        {
            return NtsCookieOpening.UnknownKey;
        }

        Span<byte> plaintext = stackalloc byte[MaxPlaintextLength];
        ReadOnlySpan<byte> @sealed = cookie[(KeyIdLength + NonceLength)..];
        plaintext = plaintext[..(@sealed.Length - AesSivCmac.TagLength)];
        Use(key);
        if (!_siv.TryOpen(cookie[..KeyIdLength], cookie.Slice(KeyIdLength, NonceLength), @sealed, plaintext))
        {
            return NtsCookieOpening.Invalid;
        }

        aead = (NtsAead)BinaryPrimitives.ReadUInt16BigEndian(plaintext);
        if (!Supports(aead) || PlaintextHeaderLength + 2 * AesSivCmac.KeyLength(aead) != plaintext.Length)
        {
            plaintext.Clear();
            return NtsCookieOpening.Invalid;
        }

        int keyLength = AesSivCmac.KeyLength(aead);
        plaintext.Slice(PlaintextHeaderLength, keyLength).CopyTo(c2sKey);
        plaintext.Slice(PlaintextHeaderLength + keyLength, keyLength).CopyTo(s2cKey);
        plaintext.Clear();
        return NtsCookieOpening.Opened;
    }

    public void Dispose() => _siv.Dispose();

    private void Use(NtsMasterKey key)
    {
        if (!ReferenceEquals(key, _keyed))
        {
            _siv.SetKey(key.Key.Span);
            _keyed = key;
        }
    }
}
