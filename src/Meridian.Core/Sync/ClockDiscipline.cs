namespace Meridian.Core.Sync;

/// <summary>
/// Turns combined offsets into a <see cref="ClockCorrection"/>: steps above the step threshold,
/// refuses above the panic threshold, and otherwise slews with a hybrid phase/frequency-locked
/// loop: the phase is slewed at offset/T until the next expected update, the frequency gains
/// offset·τ/(2T)² for the τ seconds since the last update (T is four poll intervals of the system
/// peer), and the frequency is also pulled toward the measured drift of true minus system time
/// (weight up to 1/4 at long intervals). Without a drift file the first 300 s of samples measure
/// the frequency directly.
/// </summary>
public sealed class ClockDiscipline
{
    private const double TimeConstantIntervals = 4;
    private const double FllGain = 0.25;
    private const double FllFullWeightSeconds = 1024;
    private const int FllBaselineSamples = 8;

    private readonly DisciplineOptions _options;
    private MonotonicTime _lastUpdate;
    private MonotonicTime? _spikeStart;
    private readonly Queue<FrequencySample> _recent = new();
    private FrequencySample? _measureStart;

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
    /// <param name="sample">The system peer's sample behind this update, against the system clock.</param>
    public DisciplineUpdate Update(double offset, MonotonicTime now, double intervalHint, FrequencySample sample)
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
        Slew(offset, now, intervalHint, sample);
        return new DisciplineUpdate(DisciplineAction.Slewed, offset);
    }

    private void Step(double offset, MonotonicTime now)
    {
        _spikeStart = null;
        Correction = new ClockCorrection(now, Correction.OffsetAt(now) + offset, Correction.Frequency, 0, now, Correction.Epoch + 1);
        _measureStart = null;
        _recent.Clear();
        State = HasFrequency ? DisciplineState.Sync : DisciplineState.FrequencyMeasure;
        LastOffset = offset;
        _lastUpdate = now;
    }

    private void Slew(double offset, MonotonicTime now, double intervalHint, FrequencySample sample)
    {
        double timeConstant = TimeConstantIntervals * Math.Max(1, intervalHint);
        double interval = Math.Min(now.SecondsSince(_lastUpdate), 2 * timeConstant);
        double frequency = Correction.Frequency;
        if (State is DisciplineState.Unset or DisciplineState.Panic)
        {
            State = HasFrequency ? DisciplineState.Sync : DisciplineState.FrequencyMeasure;
        }
        else if (State == DisciplineState.FrequencyMeasure)
        {
            frequency = MeasureFrequency(sample) ?? frequency;
        }
        else
        {
            frequency += FrequencyLock(sample, frequency);
        }

        _measureStart ??= State == DisciplineState.FrequencyMeasure ? sample : null;
        _recent.Enqueue(sample);
        if (_recent.Count > FllBaselineSamples)
        {
            _recent.Dequeue();
        }

        frequency = Math.Clamp(frequency, -SyncConstants.MaxFrequency, SyncConstants.MaxFrequency);
        Correction = new ClockCorrection(now, Correction.OffsetAt(now), frequency, offset / timeConstant, now.AddSeconds(Math.Max(1, intervalHint)), Correction.Epoch);
        LastOffset = offset;
        _lastUpdate = now;
    }

    /// <summary>The slope of true minus system time since the measurement began; null until it has run long enough.</summary>
    private double? MeasureFrequency(FrequencySample sample)
    {
        if (_measureStart is not FrequencySample start || sample.Time.SecondsSince(start.Time) < DisciplineOptions.FrequencyMeasureSeconds)
        {
            return null;
        }

        HasFrequency = true;
        State = DisciplineState.Sync;
        _measureStart = null;
        return Slope(start, sample);
    }

    /// <summary>
    /// The frequency-locked part: a step toward the drift measured across the last eight samples
    /// (a long baseline keeps the slope's noise low), weighted by the baseline's span.
    /// </summary>
    private double FrequencyLock(FrequencySample sample, double frequency)
    {
        if (!_recent.TryPeek(out FrequencySample oldest) || sample.Time.SecondsSince(oldest.Time) < 1)
        {
            return 0;
        }

        double weight = FllGain * Math.Min(1, sample.Time.SecondsSince(oldest.Time) / FllFullWeightSeconds);
        return (Slope(oldest, sample) - frequency) * weight;
    }

    private static double Slope(FrequencySample from, FrequencySample to) =>
        (to.TrueMinusSystem - from.TrueMinusSystem) / to.Time.SecondsSince(from.Time);
}
