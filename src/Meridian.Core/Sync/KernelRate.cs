using Meridian.Core.Time;

namespace Meridian.Core.Sync;

/// <summary>
/// Carries a <see cref="ClockCorrection"/> out on the kernel clock (<c>enable kernel</c>) at the same
/// speed as the software correction. The kernel's frequency field alone reaches ±500 ppm, which would
/// take 200 s to slew 0.1 s; so, as chronyd does on Linux, the rate is split between the tick length
/// (USER_HZ 100: 10 000 µs per tick, ±10 %, one microsecond of tick is 100 ppm) and the frequency
/// field (the remainder, well within ±500 ppm). Each adjustment aims the kernel at where the correction
/// will be at the end of its slew (the synchronizer wakes then), or one second ahead when no slew is in
/// progress, from where the kernel actually is, so a late adjustment or the units' rounding is caught
/// up instead of accumulating.
/// CLOCK_MONOTONIC runs at the kernel's rate too, and the synchronizer schedules by it: a correction
/// rate r per monotonic second needs a kernel rate r / (1 − r) per oscillator second.
/// </summary>
public static class KernelRate
{
    /// <summary>adjtimex's frequency unit: ppm scaled by 2^16, per unit of rate.</summary>
    public const double ScaledPpm = 65536e6;

    /// <summary>The tick length for USER_HZ 100, in microseconds.</summary>
    public const int NominalTick = 10_000;

    /// <summary>How far the kernel lets the tick move from nominal (10 %).</summary>
    public const int MaxTickBias = NominalTick / 10;

    /// <summary>The kernel's frequency field is clamped to ±500 ppm.</summary>
    public const double MaxFrequencyField = 500e-6;

    /// <summary>The horizon over which an adjustment outside a slew catches up with the correction.</summary>
    public const double CatchUpSeconds = 1;

    public static KernelAdjustment Plan(KernelTrajectory applied, ClockCorrection correction, MonotonicTime now)
    {
        double from = applied.OffsetAt(now);
        bool steps = correction.Epoch != applied.Epoch;
        double step = steps ? correction.OffsetAt(now) - from : 0;
        from += step;

        double horizon = now < correction.SlewEnd ? correction.SlewEnd.SecondsSince(now) : CatchUpSeconds;
        double rate = (correction.OffsetAt(now.AddSeconds(horizon)) - from) / horizon;
        var (tickBias, frequency) = Split(rate / (1 - rate), applied.TickBias);
        double kernel = (double)tickBias / NominalTick + frequency / ScaledPpm;
        var trajectory = new KernelTrajectory(now, from, kernel / (1 + kernel), correction.Epoch, tickBias);
        return new KernelAdjustment(steps, step, NominalTick + tickBias, frequency, trajectory);
    }

    /// <summary>
    /// A kernel rate as a tick bias (microseconds per tick) and the frequency field for the rest. The
    /// tick stays where it is while the rest fits the frequency field with a margin (no flipping
    /// between neighbouring ticks).
    /// </summary>
    public static (int TickBias, long Frequency) Split(double kernelRate, int currentTickBias)
    {
        int tickBias = (int)Math.Clamp(Math.Round(kernelRate * NominalTick), -MaxTickBias, MaxTickBias);
        if (Math.Abs(tickBias - currentTickBias) == 1)
        {
            tickBias = currentTickBias;
        }

        double rest = kernelRate - (double)tickBias / NominalTick;
        return (tickBias, (long)Math.Round(Math.Clamp(rest, -MaxFrequencyField, MaxFrequencyField) * ScaledPpm));
    }
}
