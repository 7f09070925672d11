using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.Sync.Simulation;

/// <summary>
/// The simulated local clock: an oscillator whose frequency error is a starting error, plus a
/// random walk (white frequency noise integrated: <paramref name="wanderPerSqrtSecond"/> per √s),
/// plus a temperature-like sine (<paramref name="sineAmplitude"/>, period <paramref name="sinePeriod"/>
/// seconds); read as a monotonic clock, with a system clock that is the oscillator plus an offset that
/// only steps (the initial error, or someone setting the clock).
/// </summary>
internal sealed class SimOscillator(double frequencyError, double wanderPerSqrtSecond, double initialOffset, SimRandom random, double sineAmplitude = 0, double sinePeriod = 6 * 3600)
{
    private double _trueTime;
    private double _elapsed;
    private double _walk = frequencyError;

    /// <summary>The frequency error now: the random walk plus the sine.</summary>
    public double Frequency => _walk + Sine(_trueTime);

    public double SystemOffset { get; set; } = initialOffset;

    /// <summary>Advances to true time <paramref name="trueTime"/> (seconds since the start).</summary>
    public void AdvanceTo(double trueTime)
    {
        double dt = trueTime - _trueTime;
        if (dt <= 0)
        {
            return;
        }

        // The walk integrates exactly within the step; the sine by its midpoint (steps are at most seconds).
        _elapsed += dt * (1 + _walk + Sine(_trueTime + dt / 2));
        _walk += wanderPerSqrtSecond * Math.Sqrt(dt) * random.Gaussian();
        _trueTime = trueTime;
    }

    /// <summary>Seconds the oscillator has counted since the start.</summary>
    public double Elapsed => _elapsed;

    /// <summary>True time at which the monotonic clock will read <paramref name="monotonic"/> (at the current frequency).</summary>
    public double TrueTimeAt(MonotonicTime monotonic) => TrueTimeAtElapsed(monotonic.Nanoseconds / 1e9);

    /// <summary>True time at which the oscillator will have counted <paramref name="elapsed"/> seconds (at the current frequency).</summary>
    public double TrueTimeAtElapsed(double elapsed) => _trueTime + Math.Max(0, (elapsed - _elapsed) / (1 + Frequency));

    public LocalTime Read(NtpTimestamp epoch) => new(
        new MonotonicTime((long)Math.Round(_elapsed * 1e9)),
        ClockCorrection.Add(epoch, _elapsed + SystemOffset));

    private double Sine(double t) => sineAmplitude == 0 ? 0 : sineAmplitude * Math.Sin(2 * Math.PI * t / sinePeriod);
}
