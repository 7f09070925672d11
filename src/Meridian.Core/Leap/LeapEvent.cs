using Meridian.Protocol;

namespace Meridian.Core.Leap;

/// <summary>
/// A leap second at the end of a UTC day: <paramref name="At"/> is 00:00:00 UTC of the next day (the
/// time leap files list), <paramref name="Kind"/> is <see cref="LeapIndicator.LastMinuteHas61Seconds"/>
/// (insert 23:59:60) or <see cref="LeapIndicator.LastMinuteHas59Seconds"/> (delete 23:59:59).
/// </summary>
public readonly record struct LeapEvent(NtpTimestamp At, LeapIndicator Kind)
{
    /// <summary>Seconds the served clock goes back at the leap: +1 for an insertion, −1 for a deletion.</summary>
    public int Seconds => Kind == LeapIndicator.LastMinuteHas61Seconds ? 1 : -1;

    /// <summary>The start of the announcement window: the last day before the leap (RFC 5905's "current day").</summary>
    public NtpTimestamp AnnounceFrom => new(At.Value - ((ulong)LeapCalendar.SecondsPerDay << 32));
}
