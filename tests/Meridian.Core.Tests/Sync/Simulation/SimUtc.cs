using Meridian.Core.Leap;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Sync.Simulation;

/// <summary>
/// UTC from the simulation's continuous time scale, written independently of the code under test: after
/// an inserted second the labels are one second behind (23:59:59 repeats), after a deleted one ahead
/// (23:59:59 is skipped).
/// </summary>
internal static class SimUtc
{
    public static NtpTimestamp Apply(LeapEvent? leap, NtpTimestamp continuous)
    {
        if (leap is not LeapEvent l)
        {
            return continuous;
        }

        bool insert = l.Kind == LeapIndicator.LastMinuteHas61Seconds;
        double untilEvent = l.At.SecondsSince(continuous) - (insert ? 0 : 1);
        return untilEvent > 0 ? continuous : new NtpTimestamp(continuous.Value + (ulong)(long)((insert ? -1L : 1L) << 32));
    }
}
