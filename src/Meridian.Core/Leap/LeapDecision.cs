using Meridian.Protocol;

namespace Meridian.Core.Leap;

/// <summary>
/// Decides the next leap second from a leap file and the selected upstreams' leap indicators:
/// <list type="bullet">
/// <item>a usable, unexpired file decides alone; the upstreams' majority is only compared with it;</item>
/// <item>without one, a leap is taken from the upstreams only on the last UTC day of a month, when a strict
/// majority of the selected upstreams, and at least two of them, announce the same kind (a single upstream
/// cannot announce a leap by itself);</item>
/// <item>it is announced (LI 1 or 2) from 24 h before the leap until the leap, never after it.</item>
/// </list>
/// </summary>
public static class LeapDecision
{
    /// <summary>Fewest upstreams that must agree before their leap is believed.</summary>
    public const int MinimumVotes = 2;

    /// <summary>
    /// The file and the upstreams are compared in the last 2 h of a month only: by then every selected
    /// upstream has answered since the day began (polls are at most 1024 s apart), so an upstream that
    /// has not announced yet is not taken for one that disagrees.
    /// </summary>
    public const int ComparisonSeconds = 2 * 3600;

    public static LeapVerdict Decide(LeapFile? file, NtpTimestamp now, IReadOnlyList<LeapIndicator> selectedUpstreams)
    {
        LeapEvent? voted = UpstreamMajority(now, selectedUpstreams);
        if (file is not null && file.DecidesAt(now))
        {
            LeapEvent? listed = file.NextLeapAfter(now);
            LeapEvent? dueToday = listed is LeapEvent l && Announcing(l, now) ? l : null;
            bool disagree = voted != dueToday && HasVotes(selectedUpstreams) && LeapCalendar.EndOfMonth(now).SecondsSince(now) <= ComparisonSeconds;
            return new LeapVerdict(listed, LeapSource.File, dueToday is not null, disagree);
        }

        return voted is LeapEvent leap
            ? new LeapVerdict(leap, LeapSource.Upstreams, Announcing(leap, now), false)
            : LeapVerdict.None;
    }

    /// <summary>True from the start of the last day before the leap until the leap itself.</summary>
    public static bool Announcing(LeapEvent leap, NtpTimestamp now) =>
        now.SecondsSince(leap.AnnounceFrom) >= 0 && leap.At.SecondsSince(now) > 0;

    private static bool HasVotes(IReadOnlyList<LeapIndicator> selected) => selected.Count >= MinimumVotes;

    private static LeapEvent? UpstreamMajority(NtpTimestamp now, IReadOnlyList<LeapIndicator> selected)
    {
        if (!LeapCalendar.IsLastDayOfMonth(now))
        {
            return null;
        }

        foreach (LeapIndicator kind in (ReadOnlySpan<LeapIndicator>)[LeapIndicator.LastMinuteHas61Seconds, LeapIndicator.LastMinuteHas59Seconds])
        {
            int votes = selected.Count(l => l == kind);
            if (votes >= MinimumVotes && votes * 2 > selected.Count)
            {
                return new LeapEvent(LeapCalendar.EndOfMonth(now), kind);
            }
        }

        return null;
    }
}
