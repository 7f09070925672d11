namespace Meridian.Core.RateLimiting;

/// <summary>
/// The per-client limit (<c>ratelimit interval 50 burst 10 leak 4 table 1048576 prefix4 32 prefix6 64
/// global-pps 0</c>): <see cref="Burst"/> requests per <see cref="IntervalSeconds"/> with a burst of
/// that many, so iburst (8 requests 2 s apart) and the NTP Pool monitor (3 requests 2 s apart) pass
/// untouched; 1 in 2^<see cref="Leak"/> limited requests is answered anyway (0: none), so a spoofed
/// flood cannot silence the real owner of an address; clients are IPv4 /prefix4 and IPv6
/// /prefix6 (at most 64) networks; an optional global budget of responses per second.
/// </summary>
public sealed record RateLimitOptions(
    double IntervalSeconds = 50,
    int Burst = 10,
    int Leak = 4,
    int TableSize = 1 << 20,
    int Prefix4 = 32,
    int Prefix6 = 64,
    double GlobalPps = 0)
{
    /// <summary>Seconds between requests at the sustained rate (the GCRA emission interval).</summary>
    public double EmissionIntervalSeconds => IntervalSeconds / Burst;
}
