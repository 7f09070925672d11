using Meridian.Core.Client;

namespace Meridian.Core.Nts;

/// <summary>
/// The outcome of one NTS-protected exchange: the NTP checks and measurement (<see cref="Sntp"/>),
/// what the NTS check found, and the fresh cookies the reply carried (encrypted, so only from an
/// authenticated reply). Only <see cref="HasAuthenticatedTime"/> results may be used as time.
/// </summary>
public sealed record NtsClientResult(SntpResult Sntp, NtsAuthentication Authentication, IReadOnlyList<byte[]> Cookies)
{
    public bool HasAuthenticatedTime => Authentication == NtsAuthentication.Authenticated && Sntp.IsValid;

    public static NtsClientResult Failed(SntpStatus status) => new(SntpResult.Failed(status), NtsAuthentication.NotAuthenticated, []);
}
