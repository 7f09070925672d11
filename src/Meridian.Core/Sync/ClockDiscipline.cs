using Meridian.Core.Time;
using Meridian.Protocol;

namespace Meridian.Core.Sync;

/// <summary>
/// Turns the combined estimate of the sources (offset of the served clock and the system clock's
/// frequency error, both from the sources' <see cref="SourceStatistics"/>) into a
/// <see cref="ClockCorrection"/>: steps above the step threshold (at once at start, otherwise once
/// the offset persists for the stepout interval), refuses above the panic threshold, and otherwise
/// takes the frequency as estimated and slews the phase over <see cref="CorrectionTimeRatio"/> times
/// the interval between updates (at most <see cref="MaxSlewRate"/>), so a fresh estimate is followed
/// within a few updates and the noise of a single one is smoothed. See docs/accuracy.md.
/// </summary>
public sealed class ClockDiscipline
{
    /// <summary>The phase is slewed over this many update intervals (measured best in docs/accuracy.md).</summary>
    public const double CorrectionTimeRatio = 0.5;

    /// <summary>The fastest phase slew: 1 % (0.1 s in 10 s).</summary>
    public const double MaxSlewRate = 0.01;

    private const double MaxUpdateInterval = 1024;

    private readonly DisciplineOptions _options;
    private MonotonicTime? _spikeStart;
    private MonotonicTime? _lastUpdate;

    private double _meanSquareOffset;

    public ClockDiscipline(DisciplineOptions options, double? initialFrequency)
    {
        _options = options;
        Correction = ClockCorrection.None with { Frequency = initialFrequency ?? 0 };
        HasFrequency = initialFrequency is not null;
    }

    public ClockCorrection Correction { get; private set; }

    public DisciplineState State { get; private set; } = DisciplineState.Unset;

    /// <summary>True once the frequency is known (from the drift file or measured).</summary>
    public bool HasFrequency { get; private set; }

    public double LastOffset { get; private set; }

    /// <summary>The RMS of the update offsets, averaged with weight 1/8 per update; 0 before the first.</summary>
    public double RmsOffset => Math.Sqrt(_meanSquareOffset);

    /// <summary>Seconds between the last two updates; null before the second.</summary>
    public double? UpdateInterval { get; private set; }

    /// <param name="offset">The combined offset, true time minus served time, in seconds.</param>
    /// <param name="frequency">The combined estimate of the correction frequency that keeps the system clock on time.</param>
    public DisciplineUpdate Update(double offset, double frequency, MonotonicTime now)
    {
        double magnitude = Math.Abs(offset);
        if (_options.PanicThreshold > 0 && magnitude > _options.PanicThreshold)
        {
            State = DisciplineState.Panic;
            return new DisciplineUpdate(DisciplineAction.Refused, offset);
        }

        frequency = Math.Clamp(frequency, -Rfc5905.MaxFrequency, Rfc5905.MaxFrequency);
        if (_options.StepThreshold > 0 && magnitude > _options.StepThreshold)
        {
            _spikeStart ??= now;
            bool persisted = now.SecondsSince(_spikeStart.Value) >= _options.StepOutSeconds;
            if (State is not (DisciplineState.Unset or DisciplineState.Panic) && !persisted)
            {
                return new DisciplineUpdate(DisciplineAction.SpikeIgnored, offset);
            }

            _spikeStart = null;
            Correction = new ClockCorrection(now, Correction.OffsetAt(now) + offset, frequency, 0, now, Correction.Epoch + 1);
            Updated(offset, now);
            return new DisciplineUpdate(DisciplineAction.Stepped, offset);
        }

        _spikeStart = null;
        double interval = _lastUpdate is MonotonicTime last ? Math.Clamp(now.SecondsSince(last), 1, MaxUpdateInterval) : 1;
        double slewTime = Math.Max(CorrectionTimeRatio * interval, magnitude / MaxSlewRate);
        Correction = new ClockCorrection(now, Correction.OffsetAt(now), frequency, offset / slewTime, now.AddSeconds(slewTime), Correction.Epoch);
        Updated(offset, now);
        return new DisciplineUpdate(DisciplineAction.Slewed, offset);
    }

    private void Updated(double offset, MonotonicTime now)
    {
        UpdateInterval = _lastUpdate is MonotonicTime previous ? now.SecondsSince(previous) : null;
        _meanSquareOffset = UpdateInterval is null ? offset * offset : _meanSquareOffset + ((offset * offset) - _meanSquareOffset) / 8;
        State = DisciplineState.Sync;
        HasFrequency = true;
        LastOffset = offset;
        _lastUpdate = now;
    }
}
