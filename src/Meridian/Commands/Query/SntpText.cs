using System.Globalization;
using System.Net;
using Meridian.Configuration;
using Meridian.Core.Client;
using Meridian.Protocol;

namespace Meridian.Commands.Query;

/// <summary>How <c>meridian query</c> and <c>meridian monitor</c> print SNTP results.</summary>
public static class SntpText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// sntp's line: the local clock corrected by the offset (UTC), the offset and the synchronization
    /// distance in seconds, then the address, stratum, reference id, delay and leap indicator.
    /// </summary>
    public static string Line(IPEndPoint server, SntpResult result)
    {
        long corrected = result.ReceivedAt.ToUnixNanoseconds(0) + (long)Math.Round(result.Offset * 1e9);
        DateTime time = DateTime.UnixEpoch.AddTicks(corrected / 100);
        return string.Create(Invariant,
            $"{time:yyyy MMM dd HH:mm:ss.ffffff} {Seconds(result.Offset)} +/- {result.Distance:0.000000} secs "
            + $"{ListenAddress.Format(server)} stratum {result.Stratum} refid {result.ReferenceText} delay {result.Delay:0.000000} {Leap(result.Leap)}");
    }

    /// <summary>Why an exchange gave no time, for people.</summary>
    public static string Failure(SntpResult result, double timeoutSeconds) => result.Status switch
    {
        SntpStatus.NoReply => string.Create(Invariant, $"no answer within {timeoutSeconds:0.###} s (timeout)"),
        SntpStatus.Refused => "refused (ICMP port unreachable: nothing listens there)",
        SntpStatus.Kiss => $"kiss-o'-death {result.Kiss}: {KissMeaning(result.Kiss!)}",
        SntpStatus.Unsynchronized => $"the server is not synchronized (leap {(int)result.Leap}, stratum {result.Stratum})",
        SntpStatus.TooShort => "invalid reply: shorter than 48 bytes",
        SntpStatus.WrongMode => "invalid reply: not an NTP server reply (mode 4, version 1-4)",
        SntpStatus.OriginMismatch => "invalid reply: the origin timestamp is not the request's transmit timestamp",
        SntpStatus.ZeroTransmit => "invalid reply: zero transmit timestamp",
        _ => result.Status.ToString(),
    };

    public static string Seconds(double seconds) => seconds.ToString("+0.000000;-0.000000;+0.000000", Invariant);

    /// <summary>sntp's words for the leap indicator.</summary>
    public static string Leap(LeapIndicator leap) => leap switch
    {
        LeapIndicator.NoWarning => "no-leap",
        LeapIndicator.LastMinuteHas61Seconds => "add-leap",
        LeapIndicator.LastMinuteHas59Seconds => "del-leap",
        _ => "unsync",
    };

    private static string KissMeaning(string code) => code switch
    {
        "RATE" => "the server asks for fewer requests",
        "DENY" or "RSTR" => "the server refuses to serve this client",
        "INIT" => "the server has not synchronized yet",
        _ => "the server gives no time",
    };
}
