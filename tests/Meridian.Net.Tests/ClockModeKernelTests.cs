using Meridian.Core.Leap;
using Meridian.Core.Sync;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Net.Tests;

/// <summary>
/// Kernel mode (<c>enable kernel</c>) through a virtual kernel clock: the machine's clock is never
/// touched. The virtual clock advances CLOCK_MONOTONIC and CLOCK_REALTIME at tick / 10 000 µs + freq
/// per oscillator second, as Linux does with USER_HZ 100.
/// </summary>
public class ClockModeKernelTests
{
    private static readonly NtpTimestamp Epoch = NtpTimestamp.FromUnixTime(1_795_305_600, 0);

    [Fact]
    public void SlewsA100MillisecondOffsetIn10Seconds_ThroughTheTickLength()
    {
        var kernel = new VirtualKernelClock();
        var mode = new ClockMode(kernel);
        MonotonicTime start = kernel.ReadLocal().Monotonic;
        var correction = new ClockCorrection(start, 0, 12e-6, 0.01, start.AddSeconds(10), 0); // 0.1 s at 1 %, as the discipline slews it

        // The sync loop applies the step's correction at least once a second, and when the slew ends.
        Assert.Equal(ClockCorrection.None, mode.Apply(correction, start)); // the kernel clock is the served clock
        Assert.Equal(10_101, kernel.Tick);
        while (kernel.ReadLocal().Monotonic < start.AddSeconds(60))
        {
            MonotonicTime before = kernel.ReadLocal().Monotonic;
            kernel.AdvanceMonotonic(before < correction.SlewEnd ? Math.Min(1, correction.SlewEnd.SecondsSince(before)) : 1);
            MonotonicTime now = kernel.ReadLocal().Monotonic;
            Assert.Equal(ClockCorrection.None, mode.Apply(correction, now));
            Assert.Equal(correction.OffsetAt(now), kernel.Correction, 7); // the kernel clock follows the correction
            Assert.Equal(0, mode.ReadLocal().System.SecondsSince(kernel.Uncorrected), 7); // and the synchronizer still sees the uncorrected clock
        }

        Assert.Equal(KernelRate.NominalTick, kernel.Tick);
        Assert.InRange(kernel.Frequency, 12 * 65536 - 100, 12 * 65536 + 100);
    }

    [Fact]
    public void StepsTheKernelClock_WhenTheCorrectionSteps()
    {
        var kernel = new VirtualKernelClock();
        var mode = new ClockMode(kernel);
        MonotonicTime start = kernel.ReadLocal().Monotonic;
        mode.Apply(ClockCorrection.None, start);

        mode.Apply(new ClockCorrection(start, 0.5, 0, 0, start, 1), start);

        Assert.Equal(0.5, kernel.Correction, 9);
        Assert.Equal(0, mode.ReadLocal().System.SecondsSince(kernel.Uncorrected), 9);
    }

    [Theory]
    [InlineData(KernelTimeState.Wait, KernelLeapOutcome.Verified, 0)]
    [InlineData(KernelTimeState.Insert, KernelLeapOutcome.Missed, -1)]
    public void ArmsStaIns_OnTheLeapDay_AndVerifiesTheKernelLeapt(KernelTimeState afterMidnight, KernelLeapOutcome outcome, double step)
    {
        var kernel = new VirtualKernelClock();
        var mode = new ClockMode(kernel);
        var leap = new LeapEvent(ClockCorrection.Add(Epoch, 86_400), LeapIndicator.LastMinuteHas61Seconds); // the next midnight (Epoch is 00:00 UTC)

        Assert.Equal(KernelLeapOutcome.Armed, mode.ApplyLeap(leap).Outcome);
        Assert.Equal(KernelLeapOutcome.Unchanged, mode.ApplyLeap(leap).Outcome);
        kernel.AdvanceMonotonic(86_400);
        kernel.LeapState = afterMidnight;
        KernelLeapAction after = mode.ApplyLeap(null);

        Assert.Equal(outcome, after.Outcome);
        Assert.Equal([LeapIndicator.LastMinuteHas61Seconds, LeapIndicator.NoWarning], kernel.LeapCalls);
        Assert.Equal(step == 0 ? [] : [step], kernel.Steps);
    }

    [Fact]
    public void DoesNotArmTheKernel_BeforeTheLeapsDay()
    {
        var kernel = new VirtualKernelClock();
        var mode = new ClockMode(kernel);
        var leap = new LeapEvent(ClockCorrection.Add(Epoch, 2 * 86_400), LeapIndicator.LastMinuteHas59Seconds); // a day later: the kernel would leap at the wrong midnight

        Assert.Equal(KernelLeapOutcome.Unchanged, mode.ApplyLeap(leap).Outcome);
        Assert.Empty(kernel.LeapCalls);
    }

    [Fact]
    public void LeavesTheLeapToTheServedClock_InSoftwareMode()
    {
        Assert.Equal(KernelLeapAction.None, ClockMode.Software.ApplyLeap(new LeapEvent(Epoch, LeapIndicator.LastMinuteHas61Seconds)));
    }

    /// <summary>A kernel clock in virtual time over a perfect oscillator.</summary>
    private sealed class VirtualKernelClock : IKernelClock
    {
        private double _oscillator = 1000;
        private double _oscillatorAt = 1000;
        private double _monotonicAt = 1000;
        private double _rate = 1;
        private double _steps;

        public long Tick { get; private set; } = KernelRate.NominalTick;

        public long Frequency { get; private set; }

        private double Monotonic => _monotonicAt + _rate * (_oscillator - _oscillatorAt);

        /// <summary>What the kernel has added to the real-time clock so far: steps, tick and frequency.</summary>
        public double Correction => Monotonic - _oscillator + _steps;

        /// <summary>The real-time clock as it would read without any adjustment.</summary>
        public NtpTimestamp Uncorrected => ClockCorrection.Add(Epoch, _oscillator);

        /// <summary>Lets the oscillator run until CLOCK_MONOTONIC has advanced <paramref name="seconds"/>.</summary>
        public void AdvanceMonotonic(double seconds) => _oscillator += seconds / _rate;

        public LocalTime ReadLocal() => new(new MonotonicTime((long)Math.Round(Monotonic * 1e9)), ClockCorrection.Add(Epoch, Monotonic + _steps));

        public List<double> Steps { get; } = [];

        public List<LeapIndicator> LeapCalls { get; } = [];

        /// <summary>The leap state the virtual kernel reports (a test sets what the kernel did at midnight).</summary>
        public KernelTimeState LeapState { get; set; }

        public void Step(double seconds)
        {
            _steps += seconds;
            Steps.Add(seconds);
        }

        public KernelLeapState ReadLeap() => new(LeapCalls.LastOrDefault(), LeapState);

        public void SetLeap(LeapIndicator status) => LeapCalls.Add(status);

        public void SetTickAndFrequency(long tick, long scaledPpm)
        {
            _monotonicAt = Monotonic;
            _oscillatorAt = _oscillator;
            Tick = tick;
            Frequency = scaledPpm;
            _rate = (double)tick / KernelRate.NominalTick + scaledPpm / KernelRate.ScaledPpm;
        }
    }
}
