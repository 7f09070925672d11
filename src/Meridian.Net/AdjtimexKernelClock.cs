using Meridian.Core.Time;

namespace Meridian.Net;

/// <summary>The machine's clock: CLOCK_MONOTONIC and CLOCK_REALTIME read, adjusted through <c>adjtimex</c>.</summary>
internal sealed class AdjtimexKernelClock : IKernelClock
{
    public LocalTime ReadLocal() => RealtimeClock.ReadLocal();

    public void Step(double seconds) => Adjtimex.Step(seconds);

    public void SetTickAndFrequency(long tick, long scaledPpm) => Adjtimex.SetTickAndFrequency(tick, scaledPpm);
}
