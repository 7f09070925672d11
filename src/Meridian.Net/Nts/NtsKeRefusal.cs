namespace Meridian.Net.Nts;

/// <summary>Why the NTS-KE server ended a connection without cookies; each has its own counter.</summary>
public enum NtsKeRefusal
{
    /// <summary>Already at the cap of concurrent connections: closed at once.</summary>
    ConnectionLimit,

    /// <summary>The client's address exceeded its KE rate: closed at once.</summary>
    RateLimited,

    /// <summary>The TLS handshake did not finish within the handshake timeout.</summary>
    HandshakeTimeout,

    /// <summary>The request did not arrive within the idle timeout after the handshake.</summary>
    IdleTimeout,

    /// <summary>The client offers no TLS 1.3.</summary>
    TlsVersion,

    /// <summary>The client offered no ALPN, or not <c>ntske/1</c>.</summary>
    Alpn,

    /// <summary>Any other TLS failure (bad records, failed key exchange, unknown alerts).</summary>
    Tls,

    /// <summary>The peer closed before sending a whole request.</summary>
    ClosedEarly,

    /// <summary>The request exceeded the message size or record count limit.</summary>
    TooLarge,

    /// <summary>The request was refused with an NTS-KE Error record (the request problems are counted apart).</summary>
    BadRequest,

    /// <summary>No protocol or no AEAD in common with the client.</summary>
    NothingInCommon,

    /// <summary>A socket error or another failure of ours.</summary>
    Internal,
}
