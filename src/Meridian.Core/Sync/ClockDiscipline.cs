namespace Meridian.Core.Sync;

/// <summary>
/// Turns combined offsets into a <see cref="ClockCorrection"/>: steps above the step threshold,
/// refuses above the panic threshold, and otherwise slews as a critically damped phase-locked
/// loop — each update removes offset·τ/T of the phase over the next interval τ and adds
/// offset·τ/(2T)² to the frequency, with the time constant T four update intervals. Without a
/// drift file the first 300 s measure the frequency directly.
/// </summary>
public sealed class ClockDiscipline
{
    private const double TimeConstantIntervals = 4;

    private readonly DisciplineOptions _options;
    private MonotonicTime _lastUpdate;
    private MonotonicTime? _spikeStart;
    private (MonotonicTime Time, double Offset, double Correction)? _measureStart;

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

    public MonotonicTime LastUpdate => _lastUpdate;

    /// <param name="offset">The combined offset, true time minus served time, in seconds.</param>
    /// <param name="intervalHint">The expected interval until the next update (the system peer's poll), in seconds.</param>
    public DisciplineUpdate Update(double offset, MonotonicTime now, double intervalHint)
    {
        double magnitude = Math.Abs(offset);
        if (_options.PanicThreshold > 0 && magnitude > _options.PanicThreshold)
        {
            State = DisciplineState.Panic;
            return new DisciplineUpdate(DisciplineAction.Refused, offset);
        }

        if (magnitude > _options.StepThreshold)
        {
            _spikeStart ??= now;
            bool persisted = now.SecondsSince(_spikeStart.Value) >= _options.StepOutSeconds;
            if (State is not (DisciplineState.Unset or DisciplineState.Panic) && !persisted)
            {
                return new DisciplineUpdate(DisciplineAction.SpikeIgnored, offset);
            }

            Step(offset, now);
            return new DisciplineUpdate(DisciplineAction.Stepped, offset);
        }

        _spikeStart = null;
        Slew(offset, now, intervalHint);
        return new DisciplineUpdate(DisciplineAction.Slewed, offset);
    }

    private void Step(double offset, MonotonicTime now)
    {
        _spikeStart = null;
        Correction = Reanchor(now, Correction.OffsetAt(now) + offset, Correction.Frequency, 0, now, Correction.Epoch + 1);
        _measureStart = HasFrequency ? null : (now, 0, Correction.OffsetAt(now));
        State = HasFrequency ? DisciplineState.Sync : DisciplineState.FrequencyMeasure;
        LastOffset = offset;
        _lastUpdate = now;
    }

    private void Slew(double offset, MonotonicTime now, double intervalHint)
    {
        double interval = State == DisciplineState.Unset ? intervalHint : Math.Max(1, now.SecondsSince(_lastUpdate));
        double frequency = Correction.Frequency;
        if (State == DisciplineState.Unset || State == DisciplineState.Panic)
        {
            State = HasFrequency ? DisciplineState.Sync : DisciplineState.FrequencyMeasure;
            _measureStart = HasFrequency ? null : (now, offset, Correction.OffsetAt(now));
        }
        else if (State == DisciplineState.FrequencyMeasure)
        {
            frequency = MeasureFrequency(offset, now) ?? frequency;
        }
        else
        {
            double timeConstant = TimeConstantIntervals * interval;
            frequency += offset * interval / (4 * timeConstant * timeConstant);
        }

        frequency = Math.Clamp(frequency, -SyncConstants.MaxFrequency, SyncConstants.MaxFrequency);
        double slewSeconds = Math.Max(1, intervalHint);
        double phase = offset / TimeConstantIntervals;
        Correction = Reanchor(now, Correction.OffsetAt(now), frequency, phase / slewSeconds, now.AddSeconds(slewSeconds), Correction.Epoch);
        LastOffset = offset;
        _lastUpdate = now;
    }

    /// <summary>
    /// The frequency that explains how the offset moved since the measurement began, counting the
    /// correction applied meanwhile; null until the measurement has run long enough.
    /// </summary>
    private double? MeasureFrequency(double offset, MonotonicTime now)
    {
        var (start, startOffset, startCorrection) = _measureStart!.Value;
        double elapsed = now.SecondsSince(start);
        if (elapsed < DisciplineOptions.FrequencyMeasureSeconds)
        {
            return null;
        }

        double applied = Correction.OffsetAt(now) - startCorrection - Correction.Frequency * elapsed;
        HasFrequency = true;
        State = DisciplineState.Sync;
        _measureStart = null;
        return Correction.Frequency + (offset - startOffset + applied) / elapsed;
    }

    private static ClockCorrection Reanchor(MonotonicTime now, double offsetNow, double frequency, double slewRate, MonotonicTime slewEnd, long epoch) =>
        new(now, offsetNow, frequency, slewRate, slewEnd, epoch);
}
