using Meridian.Core.Nts;

namespace Meridian.Net.Tests.Nts;

/// <summary>A cookie issuer for tests: each cookie is the AEAD id, then the C2S and S2C keys in clear, so a test can compare the server's keys with the client's.</summary>
internal sealed class KeyCarryingIssuer : INtsCookieIssuer
{
    public int CookieLength(NtsAead aead) => 2 + (2 * NtsKeAeads.KeyLength(aead));

    public int Issue(NtsAead aead, ReadOnlySpan<byte> c2sKey, ReadOnlySpan<byte> s2cKey, Span<byte> cookie)
    {
        cookie[0] = (byte)((ushort)aead >> 8);
        cookie[1] = (byte)aead;
        c2sKey.CopyTo(cookie[2..]);
        s2cKey.CopyTo(cookie[(2 + c2sKey.Length)..]);
        return CookieLength(aead);
    }
}
