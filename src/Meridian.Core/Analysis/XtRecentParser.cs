using System.Globalization;
using System.Net;

namespace Meridian.Core.Analysis;

/// <summary>
/// Reads a dump of an iptables <c>xt_recent</c> table (<c>/proc/net/xt_recent/NAME</c>): lines
/// <c>src=ADDR ttl: T last_seen: J oldest_pkt: I J1, J2, …</c> with times in jiffies. Times are
/// reported relative to the latest <c>last_seen</c> in the dump. Malformed lines are counted, not fatal;
/// a line whose <c>src=</c> is not an address as the kernel prints it is malformed.
/// </summary>
public static class XtRecentParser
{
    public static (List<ClientObservation> Clients, int MalformedLines) Parse(IEnumerable<string> lines, int hz)
    {
        var entries = new List<(string Address, long LastSeen, List<long> Stamps)>();
        int malformed = 0;
        foreach (string line in lines.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            if (TryParseLine(line, out var entry))
            {
                entries.Add(entry);
            }
            else
            {
                malformed++;
            }
        }

        long now = entries.Count == 0 ? 0 : entries.Max(e => e.LastSeen);
        return (entries.Select(e => Observe(e.Address, e.LastSeen, e.Stamps, now, hz)).ToList(), malformed);
    }

    private static ClientObservation Observe(string address, long lastSeen, List<long> stamps, long now, int hz)
    {
        stamps.Sort();
        var gaps = stamps.Zip(stamps.Skip(1), (a, b) => (b - a) / (double)hz).ToList();
        return new ClientObservation(
            address,
            (now - stamps[0]) / (double)hz,
            (now - lastSeen) / (double)hz,
            stamps.Count,
            0,
            0,
            gaps.Count > 0 ? gaps.Min() : null,
            gaps.Count > 0 ? gaps.Average() : null);
    }

    private static bool TryParseLine(string line, out (string Address, long LastSeen, List<long> Stamps) entry)
    {
        entry = default;
        string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int lastSeenAt = Array.IndexOf(parts, "last_seen:");
        int oldestAt = Array.IndexOf(parts, "oldest_pkt:");
        if (!parts[0].StartsWith("src=", StringComparison.Ordinal) || !IsKernelAddress(parts[0]["src=".Length..]) || lastSeenAt < 0 || oldestAt < 0
            || lastSeenAt + 1 >= parts.Length || oldestAt + 2 > parts.Length
            || !long.TryParse(parts[lastSeenAt + 1], NumberStyles.None, CultureInfo.InvariantCulture, out long lastSeen))
        {
            return false;
        }

        var stamps = new List<long>();
        foreach (string token in parts.Skip(oldestAt + 2))
        {
            if (!long.TryParse(token.TrimEnd(','), NumberStyles.None, CultureInfo.InvariantCulture, out long stamp))
            {
                return false;
            }

            stamps.Add(stamp);
        }

        if (stamps.Count == 0)
        {
            stamps.Add(lastSeen);
        }

        entry = (parts[0]["src=".Length..], lastSeen, stamps);
        return true;
    }

    /// <summary>A dotted quad or an RFC 5952 IPv6 address, in the canonical form the kernel prints (%pI4, %pI6c).</summary>
    private static bool IsKernelAddress(string text) =>
        IPAddress.TryParse(text, out IPAddress? address) && address.ToString() == text;
}
