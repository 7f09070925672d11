using Meridian.Core.Time;

namespace Meridian.Net;

/// <summary>
/// The kernel clock as the kernel discipline uses it: read it, step it, set its tick and frequency.
/// <see cref="AdjtimexKernelClock"/> is the real one; tests substitute a virtual clock, so they never
/// change the machine's clock.
/// </summary>
internal interface IKernelClock
{
    LocalTime ReadLocal();

    void Step(double seconds);

    void SetTickAndFrequency(long tick, long scaledPpm);
}
