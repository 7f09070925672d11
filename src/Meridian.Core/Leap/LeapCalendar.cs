using Meridian.Protocol;

namespace Meridian.Core.Leap;

/// <summary>UTC calendar arithmetic on NTP timestamps (era 0, and era 1 for times before 1968 in era-0 terms, i.e. after 2036).</summary>
public static class LeapCalendar
{
    public const int SecondsPerDay = 86_400;

    /// <summary>The UTC date and time of <paramref name="timestamp"/>.</summary>
    public static DateTime ToUtc(NtpTimestamp timestamp)
    {
        long seconds = timestamp.Seconds;
        if (seconds < NtpTimestamp.UnixEpochOffsetSeconds - (1L << 31))
        {
            seconds += 1L << 32; // era 1 (after 2036-02-07)
        }

        return DateTime.UnixEpoch.AddSeconds(seconds - NtpTimestamp.UnixEpochOffsetSeconds).AddTicks(timestamp.Fraction * TimeSpan.TicksPerSecond >> 32);
    }

    public static long ToUnixSeconds(NtpTimestamp timestamp) => (long)(ToUtc(timestamp) - DateTime.UnixEpoch).TotalSeconds;

    public static NtpTimestamp FromUtc(DateTime utc)
    {
        long ticks = utc.Ticks - DateTime.UnixEpoch.Ticks;
        return NtpTimestamp.FromUnixTime(Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rest), (uint)(rest * 100));
    }

    /// <summary>00:00:00 UTC of the first day of the month after the one <paramref name="now"/> is in: when a leap at the end of this month takes effect.</summary>
    public static NtpTimestamp EndOfMonth(NtpTimestamp now)
    {
        DateTime utc = ToUtc(now);
        return FromUtc(new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1));
    }

    /// <summary>True on the last UTC day of a month, the only day a leap second can end (ITU-R TF.460).</summary>
    public static bool IsLastDayOfMonth(NtpTimestamp now) => EndOfMonth(now).SecondsSince(now) <= SecondsPerDay;
}
