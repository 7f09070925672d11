using Meridian.Protocol;

namespace Meridian.Core.Leap;

/// <summary>
/// Hands leap seconds to the kernel clock (<c>enable kernel</c>): arms STA_INS or STA_DEL while the
/// synchronizer wants the leap (the last day before it, so the kernel leaps at that day's midnight), and
/// once the leap is due verifies the kernel did it (its state is TIME_WAIT, or TIME_OOP within the inserted
/// second); if it did not, the clock is stepped by the leap so the served time is still right. One writer
/// (the sync thread); pure: the kernel's state and the time come in as arguments.
/// </summary>
public sealed class KernelLeapControl
{
    /// <summary>The kernel is armed only once its clock is this far into the leap's day (its midnight must be the leap's).</summary>
    public const int ArmMarginSeconds = 10;

    private LeapEvent? _armed;

    public KernelLeapAction Plan(LeapEvent? wanted, KernelLeapState kernel, NtpTimestamp now)
    {
        if (wanted is LeapEvent leap)
        {
            if (leap.At.SecondsSince(now) > LeapCalendar.SecondsPerDay - ArmMarginSeconds)
            {
                return KernelLeapAction.None; // the kernel leaps at the next midnight: not before the leap's own day
            }

            if (_armed == leap && kernel.Armed == leap.Kind)
            {
                return KernelLeapAction.None;
            }

            _armed = leap;
            return new KernelLeapAction(leap.Kind, 0, KernelLeapOutcome.Armed, leap);
        }

        if (_armed is LeapEvent armed)
        {
            _armed = null;
            if (now.SecondsSince(armed.At) < -1)
            {
                return new KernelLeapAction(LeapIndicator.NoWarning, 0, KernelLeapOutcome.Disarmed, armed);
            }

            bool leapt = kernel.State is KernelTimeState.Wait or KernelTimeState.Oop;
            return new KernelLeapAction(LeapIndicator.NoWarning, leapt ? 0 : -armed.Seconds, leapt ? KernelLeapOutcome.Verified : KernelLeapOutcome.Missed, armed);
        }

        return kernel.Armed is LeapIndicator.LastMinuteHas61Seconds or LeapIndicator.LastMinuteHas59Seconds
            ? new KernelLeapAction(LeapIndicator.NoWarning, 0, KernelLeapOutcome.Disarmed, null)
            : KernelLeapAction.None;
    }
}
