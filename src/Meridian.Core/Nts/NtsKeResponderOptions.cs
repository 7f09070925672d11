namespace Meridian.Core.Nts;

/// <summary>
/// What the NTS-KE server adds to every accepted response: the number of cookies (8, as RFC 8915
/// §4.1.6 suggests) and, when configured, the NTPv4 server and port the client should use instead
/// of the KE server's own address and port 123.
/// </summary>
public sealed record NtsKeResponderOptions
{
    public const int DefaultCookieCount = 8;

    public int CookieCount { get; init; } = DefaultCookieCount;

    /// <summary>The Server Negotiation record's body (ASCII host name or address), or null for none.</summary>
    public string? NtpServer { get; init; }

    /// <summary>The Port Negotiation record's port, or null for none.</summary>
    public int? NtpPort { get; init; }
}
