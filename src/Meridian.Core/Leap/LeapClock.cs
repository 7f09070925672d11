using Meridian.Protocol;

namespace Meridian.Core.Leap;

/// <summary>
/// Turns the synchronizer's continuous time scale into served UTC: minus the leaps already passed, and at a
/// pending leap, NTP's rule (RFC 5905 §6, the Linux kernel's behaviour): an inserted second repeats
/// 23:59:59 (the served clock goes back 1 s when the continuous scale reaches 00:00:00), a deleted second
/// is skipped (after 23:59:58.999… comes 00:00:00, so no timestamp from 23:59:59 is ever served). With a
/// smear, the leap is spread over the smear interval centred on it instead, with no discontinuity.
/// Pure and allocation-free: the serving path applies it to every timestamp.
/// </summary>
public readonly record struct LeapClock(int PassedSeconds, LeapEvent? Pending, LeapSmear? Smear)
{
    public static LeapClock None => default;

    public bool IsNone => PassedSeconds == 0 && Pending is null;

    /// <summary>The served timestamp for a continuous-scale one.</summary>
    public NtpTimestamp Apply(NtpTimestamp continuous)
    {
        NtpTimestamp utc = PassedSeconds == 0 ? continuous : Shift(continuous, -PassedSeconds);
        if (Pending is not LeapEvent leap)
        {
            return utc;
        }

        if (Smear is LeapSmear smear)
        {
            double fraction = smear.Fraction(utc.SecondsSince(leap.At) + smear.IntervalSeconds / 2);
            return fraction <= 0 ? utc : new NtpTimestamp(utc.Value + (ulong)(long)Math.Round(-leap.Seconds * fraction * 4294967296.0));
        }

        // The continuous scale's label of the instant the leap happens: 00:00:00 for an insertion
        // (the repeated 23:59:59 follows), 23:59:59 for a deletion (00:00:00 follows).
        double sinceEvent = utc.SecondsSince(leap.At) + (leap.Seconds < 0 ? 1 : 0);
        return sinceEvent >= 0 ? Shift(utc, -leap.Seconds) : utc;
    }

    /// <summary>True once the continuous scale has passed the whole leap (the smear too).</summary>
    public bool HasPassed(NtpTimestamp continuous) =>
        Pending is LeapEvent leap && Shift(continuous, -PassedSeconds).SecondsSince(leap.At) >= (Smear?.IntervalSeconds / 2 ?? 0) + 1;

    /// <summary>True while a smear is under way at this continuous time.</summary>
    public bool IsSmearing(NtpTimestamp continuous)
    {
        if (Pending is not LeapEvent leap || Smear is not LeapSmear smear)
        {
            return false;
        }

        double fromCentre = Shift(continuous, -PassedSeconds).SecondsSince(leap.At);
        return Math.Abs(fromCentre) < smear.IntervalSeconds / 2;
    }

    /// <summary>The pending leap folded into the passed ones (after <see cref="HasPassed"/>).</summary>
    public LeapClock Settle() => Pending is LeapEvent leap ? new LeapClock(PassedSeconds + leap.Seconds, null, Smear) : this;

    private static NtpTimestamp Shift(NtpTimestamp t, int seconds) => new(t.Value + ((ulong)(long)seconds << 32));
}
