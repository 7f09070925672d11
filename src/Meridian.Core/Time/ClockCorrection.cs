using Meridian.Core.Leap;
using Meridian.Protocol;

namespace Meridian.Core.Time;

/// <summary>
/// The correction added to the system clock to get the served clock, as a function of monotonic
/// time: a base offset, a frequency correction, and a phase slew at a fixed rate until it ends.
/// Immutable; the discipline publishes a new one at each update; <see cref="Epoch"/> counts steps.
/// <see cref="Leap"/> turns the corrected (continuous) time into served UTC across leap seconds.
/// </summary>
public sealed record ClockCorrection(MonotonicTime Anchor, double BaseSeconds, double Frequency, double SlewRate, MonotonicTime SlewEnd, long Epoch)
{
    public static ClockCorrection None { get; } = new(MonotonicTime.Zero, 0, 0, 0, MonotonicTime.Zero, 0);

    /// <summary>Leap seconds passed and pending, applied after the correction (the synchronizer attaches it).</summary>
    public LeapClock Leap { get; init; }

    public double OffsetAt(MonotonicTime now) =>
        BaseSeconds + Frequency * now.SecondsSince(Anchor) + SlewRate * Math.Max(0, MonotonicTime.Min(now, SlewEnd).SecondsSince(Anchor));

    /// <summary>The part of the phase slew not yet applied at <paramref name="now"/>.</summary>
    public double RemainingSlew(MonotonicTime now) => now < SlewEnd ? SlewRate * SlewEnd.SecondsSince(MonotonicTime.Max(now, Anchor)) : 0;

    /// <summary>
    /// An offset measured at <paramref name="then"/>, when the correction stood at
    /// <paramref name="correctionThen"/>, brought forward to <paramref name="now"/>: minus what the
    /// correction added since beyond the current frequency, which is taken to track the drift.
    /// </summary>
    public double Project(double offset, MonotonicTime then, double correctionThen, MonotonicTime now) =>
        offset - (OffsetAt(now) - correctionThen - Frequency * now.SecondsSince(then));

    /// <summary>The served clock at this local reading.</summary>
    public NtpTimestamp Serve(LocalTime now) => Leap.IsNone ? Add(now.System, OffsetAt(now.Monotonic)) : Leap.Apply(Add(now.System, OffsetAt(now.Monotonic)));

    /// <summary>The corrected clock before leap seconds are applied: the synchronizer's continuous scale.</summary>
    public NtpTimestamp Continuous(LocalTime now) => Add(now.System, OffsetAt(now.Monotonic));

    public static NtpTimestamp Add(NtpTimestamp timestamp, double seconds) =>
        new(timestamp.Value + (ulong)(long)Math.Round(seconds * 4294967296.0));
}
