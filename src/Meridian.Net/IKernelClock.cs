using Meridian.Core.Leap;
using Meridian.Core.Time;
using Meridian.Protocol;

namespace Meridian.Net;

/// <summary>
/// The kernel clock as the kernel discipline uses it: read it, step it, set its tick and frequency and its leap bits.
/// <see cref="AdjtimexKernelClock"/> is the real one; tests substitute a virtual clock, so they never
/// change the machine's clock.
/// </summary>
internal interface IKernelClock
{
    LocalTime ReadLocal();

    void Step(double seconds);

    void SetTickAndFrequency(long tick, long scaledPpm);

    /// <summary>The leap bit set in the kernel's status (STA_INS, STA_DEL or none) and its leap state.</summary>
    KernelLeapState ReadLeap();

    /// <summary>Sets STA_INS (<see cref="LeapIndicator.LastMinuteHas61Seconds"/>), STA_DEL, or clears both (<see cref="LeapIndicator.NoWarning"/>); other status bits unchanged.</summary>
    void SetLeap(LeapIndicator status);
}
