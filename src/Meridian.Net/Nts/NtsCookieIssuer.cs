using System.Security.Cryptography;
using Meridian.Core.Nts;

namespace Meridian.Net.Nts;

/// <summary>
/// The cookie side of NTS-KE (<see cref="INtsCookieIssuer"/>): seals the keys of a finished
/// handshake under the ring's current master key with a fresh random nonce. The KE server may call
/// it from several connections at once; a lock keeps its one cipher instance to one caller (the KE
/// rate is low, and the serving loops have their own instances).
/// </summary>
public sealed class NtsCookieIssuer(NtsKeyRingCell ring) : INtsCookieIssuer, IDisposable
{
    private readonly NtsCookieCodec _codec = new();
    private readonly Lock _gate = new();
    private long _issued;

    /// <summary>Cookies issued so far.</summary>
    public long Issued => Interlocked.Read(ref _issued);

    public int CookieLength(NtsAead aead) => NtsCookieCodec.CookieLength(aead);

    public int Issue(NtsAead aead, ReadOnlySpan<byte> c2sKey, ReadOnlySpan<byte> s2cKey, Span<byte> cookie)
    {
        Span<byte> nonce = stackalloc byte[NtsCookieCodec.NonceLength];
        RandomNumberGenerator.Fill(nonce);
        int length;
        lock (_gate)
        {
            length = _codec.Seal(ring.Current.Current, aead, c2sKey, s2cKey, nonce, cookie);
        }

        Interlocked.Increment(ref _issued);
        return length;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _codec.Dispose();
        }
    }
}
