namespace Meridian.Core.Sync;

/// <summary>
/// An upstream's NTS (<c>server NAME nts</c>): NTS-KE with <see cref="Host"/> (the configured name,
/// checked against the certificate) on TCP <see cref="KePort"/> at the source's address. Only replies
/// authenticated under the keys from that exchange reach the synchronizer.
/// </summary>
public sealed record NtsUpstream(string Host, int KePort = NtsUpstream.DefaultKePort)
{
    public const int DefaultKePort = 4460;
}
