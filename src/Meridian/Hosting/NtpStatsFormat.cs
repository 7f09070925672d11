using System.Globalization;
using Meridian.Core;
using Meridian.Core.Sync;

namespace Meridian.Hosting;

/// <summary>
/// The lines of ntpd's loopstats and peerstats files (ntpd's record_loop_stats and
/// record_peer_stats, which NTPsec keeps), so ntpviz and ntpd's summary scripts read Meridian's:
/// <list type="bullet">
/// <item>loopstats: <c>MJD SOD offset(s, %.9f) frequency(ppm, %.3f) jitter(s, %.9f) wander(ppm, %.6f) poll(log2 s)</c></item>
/// <item>peerstats: <c>MJD SOD address status(hex) offset(s) delay(s) dispersion(s) jitter(s)</c>, the four at %.9f</item>
/// </list>
/// MJD is the UTC Modified Julian Day, SOD the seconds past UTC midnight with three decimals.
/// </summary>
public static class NtpStatsFormat
{
    private const long UnixEpochMjd = 40587;
    private const long NanosecondsPerDay = 86_400_000_000_000;

    public static string LoopStats(long unixNanoseconds, ClockUpdate update, double wanderPpm) =>
        string.Create(CultureInfo.InvariantCulture, $"{Stamp(unixNanoseconds)} {update.Offset:F9} {update.Frequency * 1e6:F3} {update.Jitter:F9} {wanderPpm:F6} {update.Poll}");

    public static string PeerStats(long unixNanoseconds, PeerSample sample) =>
        string.Create(CultureInfo.InvariantCulture, $"{Stamp(unixNanoseconds)} {Address(sample.Address)} {StatusWord(sample):x} {sample.Offset:F9} {sample.Delay:F9} {sample.Dispersion:F9} {sample.Jitter:F9}");

    /// <summary>
    /// ntpd's peer status word (RFC 5905 appendix B, ntpq's <c>status</c>): the high byte holds
    /// configured (0x80, not for pool-found sources) and reachable (0x10) and the selection code (0
    /// reject, 1 falseticker, 3 outlier, 4 candidate, 6 system peer); the low byte, ntpd's count and
    /// code of the peer's last event, is 0 (Meridian keeps no per-peer event log).
    /// </summary>
    public static int StatusWord(PeerSample sample)
    {
        int select = sample.Tally switch
        {
            Tally.Falseticker => 1,
            Tally.Outlier => 3,
            Tally.Candidate => 4,
            Tally.SystemPeer => 6,
            _ => 0,
        };
        int status = (sample.Configured ? 0x80 : 0) | (sample.Reachable ? 0x10 : 0) | select;
        return status << 8;
    }

    /// <summary>The address alone, as ntpd's stoa(): dotted quad or IPv6 text, no port.</summary>
    public static string Address(NetEndpoint endpoint)
    {
        Span<byte> bytes = stackalloc byte[16];
        int length = endpoint.WriteAddress(bytes);
        return new System.Net.IPAddress(bytes[..length]).ToString();
    }

    /// <summary>The UTC date of a record, for the file set's name.</summary>
    public static DateTime Utc(long unixNanoseconds) => DateTime.UnixEpoch.AddTicks(unixNanoseconds / 100);

    private static string Stamp(long unixNanoseconds)
    {
        long day = Math.DivRem(unixNanoseconds, NanosecondsPerDay, out long intoDay);
        if (intoDay < 0)
        {
            day--;
            intoDay += NanosecondsPerDay;
        }

        // Milliseconds, rounded as ntpd's ulfptoa(now, 3) does.
        long milliseconds = (intoDay + 500_000) / 1_000_000;
        return string.Create(CultureInfo.InvariantCulture, $"{day + UnixEpochMjd} {milliseconds / 1000}.{milliseconds % 1000:000}");
    }
}
