using Meridian.Protocol;

namespace Meridian.Core.Leap;

/// <summary>
/// A parsed IETF/IERS <c>leap-seconds.list</c>: <c>#$</c> last update, <c>#@</c> expiry, the data lines in
/// order, the <c>#h</c> check and the problems found (each a FILE:LINE warning at the edge). Only a file
/// whose hash is <see cref="LeapHashCheck.Verified"/>, with an expiry and at least one entry, decides leaps.
/// </summary>
public sealed record LeapFile(
    NtpTimestamp? Updated,
    NtpTimestamp? Expires,
    IReadOnlyList<LeapEntry> Entries,
    LeapHashCheck Hash,
    IReadOnlyList<LeapFileProblem> Problems)
{
    /// <summary>A file expiring within this many days is warned about (it still decides).</summary>
    public const int ExpiryWarningDays = 30;

    /// <summary>Hash verified, an expiry, entries in increasing time, and no damaged line.</summary>
    public bool IsUsable => Hash == LeapHashCheck.Verified && Expires is not null && Entries.Count > 0 && Problems.Count == 0;

    public LeapFileExpiry ExpiryAt(NtpTimestamp now)
    {
        if (Expires is not NtpTimestamp expires || expires.SecondsSince(now) <= 0)
        {
            return LeapFileExpiry.Expired;
        }

        return expires.SecondsSince(now) <= ExpiryWarningDays * (double)LeapCalendar.SecondsPerDay ? LeapFileExpiry.ExpiresSoon : LeapFileExpiry.Valid;
    }

    /// <summary>True when this file may decide at <paramref name="now"/>: usable and not expired.</summary>
    public bool DecidesAt(NtpTimestamp now) => IsUsable && ExpiryAt(now) != LeapFileExpiry.Expired;

    /// <summary>The first leap after <paramref name="now"/> the file lists, or null (none before its expiry).</summary>
    public LeapEvent? NextLeapAfter(NtpTimestamp now)
    {
        for (int i = 1; i < Entries.Count; i++)
        {
            if (Entries[i].At.SecondsSince(now) > 0 && Entries[i].TaiMinusUtc != Entries[i - 1].TaiMinusUtc)
            {
                return new LeapEvent(
                    Entries[i].At,
                    Entries[i].TaiMinusUtc > Entries[i - 1].TaiMinusUtc ? LeapIndicator.LastMinuteHas61Seconds : LeapIndicator.LastMinuteHas59Seconds);
            }
        }

        return null;
    }
}
