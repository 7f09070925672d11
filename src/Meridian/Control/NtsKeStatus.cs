namespace Meridian.Control;

/// <summary>
/// The NTS-KE server in <c>meridian status</c> and the metrics: where it listens, the certificate
/// it presents, and its counters — connections, handshakes completed, requests answered with
/// cookies, cookies issued, connections open now, refusals by reason and bad requests by problem
/// (reasons in snake_case).
/// </summary>
public sealed record NtsKeStatus(
    IReadOnlyList<string> Listening,
    long Connections,
    long Handshakes,
    long Accepted,
    long CookiesIssued,
    long Active,
    IReadOnlyDictionary<string, long> Refusals,
    IReadOnlyDictionary<string, long> BadRequests)
{
    public string CertificateSubject { get; init; } = "";

    /// <summary>The certificate's end of validity, UTC, as "yyyy-MM-dd HH:mm:ss".</summary>
    public string CertificateNotAfterUtc { get; init; } = "";

    public string CertificateFile { get; init; } = "";

    /// <summary>The cookie master keys held, newest (the one issuing) first, as "ID (created yyyy-MM-dd HH:mm UTC)" with the id in hex, as in the key file.</summary>
    public IReadOnlyList<string> MasterKeys { get; init; } = [];

    /// <summary>The key file in <c>ntsdumpdir</c>, or null when the keys live only in memory.</summary>
    public string? KeyFile { get; init; }

    public long RefusedTotal => Refusals.Values.Sum();
}
