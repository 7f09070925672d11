using Meridian.Core.Nts;
using Meridian.Hosting;

namespace Meridian.Tests.Hosting;

/// <summary>Until the NTS serving side is merged, the cookies handed out carry no key material.</summary>
public class PendingCookieIssuerTests
{
    [Theory]
    [InlineData(NtsAead.AesSivCmac256, 100)]
    [InlineData(NtsAead.AesSivCmac512, 164)]
    public void IssuesCookiesOfASealedCookiesLength_ThatContainNeitherKey(NtsAead aead, int length)
    {
        var issuer = new PendingCookieIssuer();
        byte[] c2s = Enumerable.Repeat((byte)0xC2, NtsKeAeads.KeyLength(aead)).ToArray();
        byte[] s2c = Enumerable.Repeat((byte)0x5C, NtsKeAeads.KeyLength(aead)).ToArray();
        var first = new byte[200];
        var second = new byte[200];

        Assert.Equal(length, issuer.Issue(aead, c2s, s2c, first));
        Assert.Equal(length, issuer.Issue(aead, c2s, s2c, second));

        Assert.Equal(length, issuer.CookieLength(aead));
        Assert.False(first.AsSpan(0, length).SequenceEqual(second.AsSpan(0, length)));
        Assert.Equal(-1, first.AsSpan(0, length).IndexOf(c2s.AsSpan(0, 8)));
        Assert.Equal(-1, first.AsSpan(0, length).IndexOf(s2c.AsSpan(0, 8)));
    }
}
