using Meridian.Core.Sync;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Sync;

public class KernelRateTests
{
    private static readonly MonotonicTime Start = new(1_000_000_000_000);

    [Fact]
    public void SlewsFasterThan500Ppm_ThroughTheTickLength()
    {
        // 0.1 s slewed at 1 % over 10 s, on a 12 ppm frequency: 10 012 ppm, far beyond the frequency field's 500 ppm.
        var correction = new ClockCorrection(Start, 0, 12e-6, 0.01, Start.AddSeconds(10), 0);

        KernelAdjustment adjustment = KernelRate.Plan(KernelTrajectory.None, correction, Start);

        double kernelRate = (adjustment.Tick - KernelRate.NominalTick) / (double)KernelRate.NominalTick + adjustment.Frequency / KernelRate.ScaledPpm;
        Assert.Equal(10_101, adjustment.Tick); // 1.0012 % of 10 000 µs, times 1 / (1 − r) (below)
        Assert.InRange(Math.Abs(adjustment.Frequency), 0, 500 * 65536);
        Assert.Equal(0.010012 / (1 - 0.010012), kernelRate, 9); // r / (1 − r): the monotonic clock runs at the kernel rate too
        Assert.Equal(correction.OffsetAt(Start.AddSeconds(10)), adjustment.Applied.OffsetAt(Start.AddSeconds(10)), 9);
        Assert.False(adjustment.Steps);
    }

    [Fact]
    public void EndsTheSlewOnTime_AndKeepsTheFrequency()
    {
        var correction = new ClockCorrection(Start, 0, 12e-6, 0.01, Start.AddSeconds(10), 0);
        KernelTrajectory slewing = KernelRate.Plan(KernelTrajectory.None, correction, Start).Applied;

        KernelAdjustment after = KernelRate.Plan(slewing, correction, Start.AddSeconds(10));

        Assert.Equal(KernelRate.NominalTick, after.Tick);
        Assert.Equal(12e-6, after.Applied.Rate, 9);
        Assert.Equal(correction.OffsetAt(Start.AddSeconds(20)), after.Applied.OffsetAt(Start.AddSeconds(20)), 8); // within the kernel units' rounding
    }

    [Fact]
    public void CatchesUpAnAdjustmentMadeLate_WithinASecond()
    {
        var correction = new ClockCorrection(Start, 0, 12e-6, 0.01, Start.AddSeconds(10), 0);
        KernelTrajectory slewing = KernelRate.Plan(KernelTrajectory.None, correction, Start).Applied;

        // The end of the slew was handled 0.3 s late: the kernel slewed 3 ms too far.
        KernelAdjustment late = KernelRate.Plan(slewing, correction, Start.AddSeconds(10.3));

        Assert.Equal(0.003, slewing.OffsetAt(Start.AddSeconds(10.3)) - correction.OffsetAt(Start.AddSeconds(10.3)), 6);
        Assert.Equal(correction.OffsetAt(Start.AddSeconds(11.3)), late.Applied.OffsetAt(Start.AddSeconds(11.3)), 9);
    }

    [Fact]
    public void StepsByTheDifference_WhenTheCorrectionStepped()
    {
        var before = new ClockCorrection(Start, 0, 0, 0, Start, 0);
        KernelTrajectory applied = KernelRate.Plan(KernelTrajectory.None, before, Start).Applied;
        var stepped = new ClockCorrection(Start.AddSeconds(5), 0.5, 3e-6, 0, Start.AddSeconds(5), 1);

        KernelAdjustment adjustment = KernelRate.Plan(applied, stepped, Start.AddSeconds(5));

        Assert.True(adjustment.Steps);
        Assert.Equal(0.5, adjustment.StepSeconds, 9);
        Assert.Equal(1, adjustment.Applied.Epoch);
    }

    [Theory]
    [InlineData(1e-6, 0, 0, 65536)]
    [InlineData(-12.5e-6, 0, 0, -819200)]
    [InlineData(0.0104, 0, 104, 0)]
    [InlineData(-0.0104, 0, -104, 0)]
    [InlineData(0.5, 0, 1000, 500 * 65536)]
    [InlineData(230e-6, 0, 2, 30 * 65536)]
    [InlineData(130e-6, 0, 0, 130 * 65536)] // one tick away: the frequency field takes it all
    [InlineData(130e-6, 2, 2, -70 * 65536)] // the tick stays: the rest fits the frequency field
    public void SplitsTheRateBetweenTickAndFrequency(double rate, int currentTick, int expectedTick, long expectedFrequency)
    {
        var (tick, frequency) = KernelRate.Split(rate, currentTick);

        Assert.Equal(expectedTick, tick);
        Assert.Equal(expectedFrequency, frequency);
    }
}
