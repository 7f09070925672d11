namespace Meridian.Net.Nts;

/// <summary>
/// The NTS-KE counters at one moment. <see cref="Refusals"/> by <see cref="NtsKeRefusal"/> reason
/// and <see cref="BadRequests"/> by request problem, both in snake_case (e.g. <c>connection_limit</c>).
/// </summary>
public sealed record NtsKeCountersSnapshot(
    long Connections,
    long Handshakes,
    long Accepted,
    long CookiesIssued,
    long Active,
    IReadOnlyDictionary<string, long> Refusals,
    IReadOnlyDictionary<string, long> BadRequests)
{
    public long RefusedTotal => Refusals.Values.Sum();
}
