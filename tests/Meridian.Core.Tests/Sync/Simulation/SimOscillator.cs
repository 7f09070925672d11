using Meridian.Core.Sync;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Sync.Simulation;

/// <summary>
/// The simulated local clock: an oscillator with a frequency error that wanders as a random walk,
/// read as a monotonic clock, and a system clock that is the oscillator plus an offset that only
/// steps (the initial error, or someone setting the clock).
/// </summary>
internal sealed class SimOscillator(double frequencyError, double wanderPerSqrtSecond, double initialOffset, SimRandom random)
{
    private double _trueTime;
    private double _elapsed;

    public double Frequency { get; private set; } = frequencyError;

    public double SystemOffset { get; set; } = initialOffset;

    /// <summary>Advances to true time <paramref name="trueTime"/> (seconds since the start).</summary>
    public void AdvanceTo(double trueTime)
    {
        double dt = trueTime - _trueTime;
        if (dt <= 0)
        {
            return;
        }

        _elapsed += dt * (1 + Frequency);
        Frequency += wanderPerSqrtSecond * Math.Sqrt(dt) * random.Gaussian();
        _trueTime = trueTime;
    }

    /// <summary>True time at which the monotonic clock will read <paramref name="monotonic"/> (at the current frequency).</summary>
    public double TrueTimeAt(MonotonicTime monotonic) =>
        _trueTime + Math.Max(0, (monotonic.Nanoseconds / 1e9 - _elapsed) / (1 + Frequency));

    public LocalTime Read(NtpTimestamp epoch) => new(
        new MonotonicTime((long)Math.Round(_elapsed * 1e9)),
        ClockCorrection.Add(epoch, _elapsed + SystemOffset));
}
