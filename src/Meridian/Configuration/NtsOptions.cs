namespace Meridian.Configuration;

/// <summary>
/// The NTS directives (chrony's names): the NTS-KE server's certificate and key, its port, the NTP
/// server name it hands out, its limits, and the trust anchors for NTS upstreams. The server side
/// is on when both <c>ntsservercert</c> and <c>ntsserverkey</c> are set.
/// </summary>
public sealed class NtsOptions
{
    public const int DefaultPort = 4460;
    public const int DefaultRateInterval = 1;
    public const int DefaultRateBurst = 8;
    public const int DefaultMaxConnections = 100;

    /// <summary><c>ntsservercert FILE</c>: PEM, the server certificate then its intermediates.</summary>
    public string? ServerCertificate { get; set; }

    /// <summary><c>ntsserverkey FILE</c>: the PEM private key of the certificate.</summary>
    public string? ServerKey { get; set; }

    /// <summary><c>ntsport PORT</c>: the NTS-KE TCP port (4460).</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary><c>ntsntpserver NAME</c>: sent as the Server Negotiation record (else clients use the KE server's address).</summary>
    public string? NtpServer { get; set; }

    /// <summary><c>ntsratelimit interval L burst B</c>: per client address, B key establishments, then one per 2^L seconds (chrony's log2 interval).</summary>
    public int RateInterval { get; set; } = DefaultRateInterval;

    public int RateBurst { get; set; } = DefaultRateBurst;

    /// <summary><c>maxntsconnections N</c>: NTS-KE connections served at once (100).</summary>
    public int MaxConnections { get; set; } = DefaultMaxConnections;

    /// <summary><c>ntstrustedcerts FILE|DIR</c> lines: trust anchors for NTS upstreams instead of the system store.</summary>
    public List<string> TrustedCertificates { get; } = [];

    public bool ServerEnabled => ServerCertificate is not null && ServerKey is not null;
}
