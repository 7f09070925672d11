using Meridian.Core.Time;

namespace Meridian.Core.Sync;

/// <summary>
/// What the kernel clock has actually been told since the last adjustment: the correction it has
/// added so far, and the rate (seconds per monotonic second) at which it adds more, with the step
/// count (<see cref="Epoch"/>) and tick bias in force. The kernel discipline's counterpart of
/// <see cref="ClockCorrection"/>, which it follows; it differs from it only by the quantization of
/// the kernel's units and between adjustments.
/// </summary>
public sealed record KernelTrajectory(MonotonicTime Anchor, double BaseSeconds, double Rate, long Epoch, int TickBias)
{
    public static KernelTrajectory None { get; } = new(MonotonicTime.Zero, 0, 0, 0, 0);

    public double OffsetAt(MonotonicTime now) => BaseSeconds + Rate * now.SecondsSince(Anchor);
}
