using System.Globalization;

namespace Meridian.Configuration;

/// <summary>
/// ntpd's LOCAL reference clock driver, <c>server 127.127.1.U</c> with an optional
/// <c>fudge 127.127.1.U stratum S</c>: ntpd then serves its own clock at stratum S + 1 (S is 5
/// unless fudged) once no other source is usable, which is what Meridian's <c>local stratum N</c> does.
/// Any other 127.127.T.U address is a reference clock driver Meridian does not have.
/// </summary>
public static class LocalClockDriver
{
    /// <summary>The LOCAL driver's own stratum when no <c>fudge … stratum</c> sets it (ntpd's refclock_local.c).</summary>
    public const int DefaultDriverStratum = 5;

    /// <summary>The driver type of a 127.127.T.U address, or null for an ordinary host.</summary>
    public static int? DriverType(string host)
    {
        string[] parts = host.Split('.');
        return parts.Length == 4 && parts[0] == "127" && parts[1] == "127"
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int type)
            && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? type
            : null;
    }

    public static bool IsLocal(string host) => DriverType(host) == 1;

    /// <summary>Reads <c>stratum S</c> (0–14, so that S + 1 is served) from a <c>fudge 127.127.1.U …</c> line; null when absent.</summary>
    public static int? FudgedStratum(ConfigLine line)
    {
        int? stratum = null;
        while (line.HasMore)
        {
            if (line.Next("a fudge option") == "stratum")
            {
                stratum = line.NextInt("stratum", 0, 14);
            }
        }

        return stratum;
    }

    public static string Warning(ConfigLine line, string host, int served) =>
        line.Warning($"'server {host}' is ntpd's LOCAL clock driver: Meridian serves its own clock at stratum {served} while no upstream is usable (as 'local stratum {served}'; ntpd serves one above the driver's stratum, {DefaultDriverStratum} unless 'fudge 127.127.1.0 stratum S'). A server that clients reach over the internet, a pool server above all, must not use it: when its upstreams fail it hands out its unsynchronized clock as good time");
}
