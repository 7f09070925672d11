using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Net;

/// <summary>
/// The served clock: the system clock plus the synchronizer's current correction, which its one
/// writer publishes by reference swap. Reading it allocates nothing.
/// </summary>
public sealed class ServedClock
{
    private ClockCorrection _correction = ClockCorrection.None;

    public ClockCorrection Correction => Volatile.Read(ref _correction);

    public NtpTimestamp Now() => Now(out _);

    /// <summary>The served time, and the monotonic time of the same reading (for the rate limiter).</summary>
    public NtpTimestamp Now(out MonotonicTime monotonic)
    {
        LocalTime local = RealtimeClock.ReadLocal();
        monotonic = local.Monotonic;
        return Correction.Serve(local);
    }

    public void Publish(ClockCorrection correction) => Volatile.Write(ref _correction, correction);
}
