using Meridian.Core.Leap;
using Meridian.Core.Sync;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Sync.Simulation;

/// <summary>
/// The Linux kernel clock over the simulated oscillator, as <c>enable kernel</c> drives it: CLOCK_MONOTONIC
/// and CLOCK_REALTIME both advance (tick / 10 000 µs + freq) seconds per oscillator second (tick and
/// frequency as adjtimex sets them, USER_HZ 100), and the real-time clock also steps. With STA_INS or
/// STA_DEL set it leaps as Linux does at the next UTC midnight: an inserted second repeats 23:59:59
/// (TIME_OOP, then TIME_WAIT), a deleted one skips 23:59:59 (TIME_WAIT).
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

    private LeapIndicator _status;
    private NtpTimestamp _leapAt;
    private bool _leapt;
    private KernelTimeState _state;

    /// <summary>The leap bits set through adjtimex, in order (the test checks the calls).</summary>
    public List<LeapIndicator> LeapCalls { get; } = [];

    /// <summary>A kernel that ignores its leap bits (to see the edge step instead).</summary>
    public bool IgnoresLeaps { get; init; }

    public List<double> StepCalls { get; } = [];

    public void Step(double seconds)
    {
        _steps += seconds;
        StepCalls.Add(seconds);
    }

    public void SetLeap(LeapIndicator status, NtpTimestamp epoch)
    {
        LeapCalls.Add(status);
        _status = status;
        if (status == LeapIndicator.NoWarning)
        {
            _state = KernelTimeState.Ok;
            _leapt = false;
            return;
        }

        ulong now = ClockCorrection.Add(epoch, Monotonic + oscillator.SystemOffset + _steps).Seconds;
        _leapAt = new NtpTimestamp((now / 86_400 + 1) * 86_400 << 32);
        _state = status == LeapIndicator.LastMinuteHas61Seconds ? KernelTimeState.Insert : KernelTimeState.Delete;
    }

    public KernelLeapState ReadLeap(NtpTimestamp epoch)
    {
        _ = Read(epoch);
        return new KernelLeapState(_status, _state);
    }

    /// <summary>CLOCK_MONOTONIC and CLOCK_REALTIME (the served time in kernel mode).</summary>
    public LocalTime Read(NtpTimestamp epoch)
    {
        double monotonic = Monotonic;
        NtpTimestamp realtime = ClockCorrection.Add(epoch, monotonic + oscillator.SystemOffset + _steps);
        if (_status != LeapIndicator.NoWarning && !_leapt && !IgnoresLeaps)
        {
            bool insert = _status == LeapIndicator.LastMinuteHas61Seconds;
            if (realtime.SecondsSince(_leapAt) >= (insert ? 0 : -1))
            {
                _leapt = true;
                _steps += insert ? -1 : 1;
                realtime = ClockCorrection.Add(realtime, insert ? -1 : 1);
            }
        }

        if (_leapt)
        {
            _state = realtime.SecondsSince(_leapAt) < 0 ? KernelTimeState.Oop : KernelTimeState.Wait;
        }

        return new LocalTime(new MonotonicTime((long)Math.Round(monotonic * 1e9)), realtime);
    }

    /// <summary>True time at which CLOCK_MONOTONIC will read <paramref name="monotonic"/> (at the current rates).</summary>
    public double TrueTimeAt(MonotonicTime monotonic) =>
        oscillator.TrueTimeAtElapsed(_elapsedAt + (monotonic.Nanoseconds / 1e9 - _monotonicAt) / _rate);
}
