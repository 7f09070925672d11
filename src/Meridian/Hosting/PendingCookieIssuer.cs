using System.Security.Cryptography;
using Meridian.Core.Nts;

namespace Meridian.Hosting;

/// <summary>
/// The cookie issuer until the NTS serving side (master keys, AES-SIV cookies) is merged: it issues
/// cookies of a realistic length filled with random bytes, which carry no key material and which no
/// server can open — so NTS-KE works end to end for clients and tests, and nothing secret leaves the
/// process. Replaced in <see cref="NtsComposition.CookieIssuer"/>.
/// </summary>
public sealed class PendingCookieIssuer : INtsCookieIssuer
{
    /// <summary>A key id (4), a nonce (16), the SIV tag (16) and both keys, as a sealed cookie would be.</summary>
    public int CookieLength(NtsAead aead) => 4 + 16 + 16 + (2 * NtsKeAeads.KeyLength(aead));

    public int Issue(NtsAead aead, ReadOnlySpan<byte> c2sKey, ReadOnlySpan<byte> s2cKey, Span<byte> cookie)
    {
        int length = CookieLength(aead);
        RandomNumberGenerator.Fill(cookie[..length]);
        return length;
    }
}
