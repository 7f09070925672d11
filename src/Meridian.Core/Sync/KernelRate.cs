namespace Meridian.Core.Sync;

/// <summary>
/// The kernel discipline's view of a <see cref="ClockCorrection"/>: the rate the kernel clock must
/// run at (frequency plus any slew still in progress), in the units of <c>adjtimex</c>'s
/// <c>freq</c> field (ppm scaled by 2^16), clamped to the kernel's ±500 ppm.
/// </summary>
public static class KernelRate
{
    public const double ScaledPpm = 65536e6;

    public static double At(ClockCorrection correction, MonotonicTime now) =>
        correction.Frequency + (now < correction.SlewEnd ? correction.SlewRate : 0);

    public static long ToAdjtimexFrequency(double rate) =>
        (long)Math.Round(Math.Clamp(rate, -SyncConstants.MaxFrequency, SyncConstants.MaxFrequency) * ScaledPpm);
}
