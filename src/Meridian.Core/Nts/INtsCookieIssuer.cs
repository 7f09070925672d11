namespace Meridian.Core.Nts;

/// <summary>
/// What the NTS-KE server needs from the cookie side (RFC 8915 §6): seal the keys exported from a
/// finished TLS handshake into opaque cookies the NTP serving path can later open. Implemented
/// where the current master key and a nonce source live; the KE server only calls it.
/// </summary>
public interface INtsCookieIssuer
{
    /// <summary>The length in bytes of one cookie carrying keys for <paramref name="aead"/>.</summary>
    int CookieLength(NtsAead aead);

    /// <summary>
    /// Writes one cookie carrying the client-to-server and server-to-client keys into
    /// <paramref name="cookie"/> and returns its length (<see cref="CookieLength"/>).
    /// </summary>
    int Issue(NtsAead aead, ReadOnlySpan<byte> c2sKey, ReadOnlySpan<byte> s2cKey, Span<byte> cookie);
}
