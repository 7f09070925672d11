using Meridian.Core.Sync;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Sync.Simulation;

/// <summary>
/// The Linux kernel clock over the simulated oscillator, as <c>enable kernel</c> drives it: CLOCK_MONOTONIC
/// and CLOCK_REALTIME both advance (tick / 10 000 µs + freq) seconds per oscillator second (tick and
/// frequency as adjtimex sets them, USER_HZ 100), and the real-time clock also steps.
/// </summary>
internal sealed class SimKernelClock(SimOscillator oscillator)
{
    private double _elapsedAt;
    private double _monotonicAt;
    private double _rate = 1;
    private double _steps;

    public long Tick { get; private set; } = KernelRate.NominalTick;

    public long Frequency { get; private set; }

    public double Monotonic => _monotonicAt + _rate * (oscillator.Elapsed - _elapsedAt);

    public void SetTickAndFrequency(long tick, long frequency)
    {
        _monotonicAt = Monotonic;
        _elapsedAt = oscillator.Elapsed;
        Tick = tick;
        Frequency = frequency;
        _rate = (double)tick / KernelRate.NominalTick + frequency / KernelRate.ScaledPpm;
    }

    public void Step(double seconds) => _steps += seconds;

    /// <summary>CLOCK_MONOTONIC and CLOCK_REALTIME (the served time in kernel mode).</summary>
    public LocalTime Read(NtpTimestamp epoch)
    {
        double monotonic = Monotonic;
        return new LocalTime(new MonotonicTime((long)Math.Round(monotonic * 1e9)), ClockCorrection.Add(epoch, monotonic + oscillator.SystemOffset + _steps));
    }

    /// <summary>True time at which CLOCK_MONOTONIC will read <paramref name="monotonic"/> (at the current rates).</summary>
    public double TrueTimeAt(MonotonicTime monotonic) =>
        oscillator.TrueTimeAtElapsed(_elapsedAt + (monotonic.Nanoseconds / 1e9 - _monotonicAt) / _rate);
}
