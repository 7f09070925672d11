using Meridian.Configuration;
using Meridian.Core.Nts;

namespace Meridian.Hosting;

/// <summary>
/// Where NTS is composed for <c>meridian serve</c>: the one place the NTS-KE server gets its cookie
/// issuer. The NTS serving side (master keys in <c>ntsdumpdir</c>, AES-SIV-CMAC cookies, NTS on the
/// UDP serving path) plugs in here: return its issuer, built from the options, and hand
/// the same key store to the serving path so the cookies issued here open there.
/// </summary>
public static class NtsComposition
{
    /// <summary>Whether the NTP serving path authenticates NTS requests yet (false until the NTS serving side is merged).</summary>
    public const bool ServesNtsOnNtp = false;

    public static INtsCookieIssuer CookieIssuer(MeridianOptions options)
    {
        _ = options;
        return new PendingCookieIssuer();
    }
}
