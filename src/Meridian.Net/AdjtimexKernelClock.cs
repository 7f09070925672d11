using Meridian.Core.Leap;
using Meridian.Core.Time;
using Meridian.Protocol;

namespace Meridian.Net;

/// <summary>The machine's clock: CLOCK_MONOTONIC and CLOCK_REALTIME read, adjusted through <c>adjtimex</c>.</summary>
internal sealed class AdjtimexKernelClock : IKernelClock
{
    public LocalTime ReadLocal() => RealtimeClock.ReadLocal();

    public void Step(double seconds) => Adjtimex.Step(seconds);

    public void SetTickAndFrequency(long tick, long scaledPpm) => Adjtimex.SetTickAndFrequency(tick, scaledPpm);

    public KernelLeapState ReadLeap() => Adjtimex.ReadLeap();

    public void SetLeap(LeapIndicator status) => Adjtimex.SetLeap(status);
}
