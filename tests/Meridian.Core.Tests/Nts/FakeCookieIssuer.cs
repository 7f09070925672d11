using Meridian.Core.Nts;

namespace Meridian.Core.Tests.Nts;

/// <summary>A cookie issuer for tests: the cookie is the AEAD id, a sequence number, then the two keys in clear, so a test can see which keys each cookie carries.</summary>
internal sealed class FakeCookieIssuer : INtsCookieIssuer
{
    public int Issued { get; private set; }

    public int CookieLength(NtsAead aead) => 4 + (2 * NtsKeAeads.KeyLength(aead));

    public int Issue(NtsAead aead, ReadOnlySpan<byte> c2sKey, ReadOnlySpan<byte> s2cKey, Span<byte> cookie)
    {
        Issued++;
        cookie[0] = (byte)((ushort)aead >> 8);
        cookie[1] = (byte)aead;
        cookie[2] = (byte)(Issued >> 8);
        cookie[3] = (byte)Issued;
        c2sKey.CopyTo(cookie[4..]);
        s2cKey.CopyTo(cookie[(4 + c2sKey.Length)..]);
        return CookieLength(aead);
    }

    /// <summary>Keys for every AEAD: C2S bytes 0x11 + AEAD id, S2C bytes 0x22 + AEAD id.</summary>
    public static NtsKeSessionKeys Keys()
    {
        var keys = new NtsKeSessionKeys();
        foreach (NtsAead aead in NtsKeAeads.Supported)
        {
            int length = NtsKeAeads.KeyLength(aead);
            keys.Set(aead, Enumerable.Repeat((byte)(0x11 + (int)aead), length).ToArray(), Enumerable.Repeat((byte)(0x22 + (int)aead), length).ToArray());
        }

        return keys;
    }
}
