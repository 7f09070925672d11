using Meridian.Protocol;

namespace Meridian.Core.Leap;

/// <summary>
/// What the kernel edge must do: set the leap bits to <paramref name="SetStatus"/> (null: leave them),
/// step the clock by <paramref name="StepSeconds"/> (0: no step), and report <paramref name="Outcome"/>.
/// </summary>
public readonly record struct KernelLeapAction(LeapIndicator? SetStatus, double StepSeconds, KernelLeapOutcome Outcome, LeapEvent? Leap)
{
    public static KernelLeapAction None => new(null, 0, KernelLeapOutcome.Unchanged, null);
}
