namespace Meridian.Core.Sync;

/// <summary>
/// Turns combined offsets into a <see cref="ClockCorrection"/>: steps above the step threshold
/// (at once at start, otherwise once the offset persists for the stepout interval), refuses above
/// the panic threshold, and otherwise slews. The phase is slewed at offset/T until the next
/// expected update, with T four poll intervals of the system peer. The frequency is owned by a
/// frequency-locked loop: without a drift file it is first measured as the slope of true minus
/// system time over 900 s of samples, then pulled toward the slope fitted over the last sixteen
/// samples, or all samples of the last 4096 s when polls are short (weight up to 1/10). See
/// docs/accuracy.md for why these choices.
/// </summary>
public sealed class ClockDiscipline
{
    private const double TimeConstantIntervals = 4;
    private const double FllGain = 0.1;
    private const double FllFullWeightSeconds = 1024;
    private const int FllBaselineSamples = 16;
    private const double FllBaselineSeconds = 4096;

    private readonly DisciplineOptions _options;
    private readonly Queue<FrequencySample> _recent = new();
    private MonotonicTime? _spikeStart;
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

        if (_options.StepThreshold > 0 && magnitude > _options.StepThreshold)
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
    }

    private void Slew(double offset, MonotonicTime now, double intervalHint, FrequencySample sample)
    {
        double timeConstant = TimeConstantIntervals * Math.Max(1, intervalHint);
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
        while (_recent.Count > FllBaselineSamples && sample.Time.SecondsSince(_recent.Peek().Time) > FllBaselineSeconds)
        {
            _recent.Dequeue();
        }

        frequency = Math.Clamp(frequency, -SyncConstants.MaxFrequency, SyncConstants.MaxFrequency);
        Correction = new ClockCorrection(now, Correction.OffsetAt(now), frequency, offset / timeConstant, now.AddSeconds(Math.Max(1, intervalHint)), Correction.Epoch);
        LastOffset = offset;
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
    /// The frequency-locked part: a step toward the drift fitted by least squares over the last
    /// sixteen samples, and at least 4096 s of them (a long, many-point baseline keeps the slope's
    /// noise low, also at 64 s polls), weighted by the baseline's span.
    /// </summary>
    private double FrequencyLock(FrequencySample sample, double frequency)
    {
        if (!_recent.TryPeek(out FrequencySample oldest) || sample.Time.SecondsSince(oldest.Time) < 1)
        {
            return 0;
        }

        double weight = FllGain * Math.Min(1, sample.Time.SecondsSince(oldest.Time) / FllFullWeightSeconds);
        return (FittedSlope([.. _recent, sample]) - frequency) * weight;
    }

    private static double FittedSlope(IReadOnlyList<FrequencySample> samples)
    {
        MonotonicTime origin = samples[0].Time;
        double meanT = samples.Average(s => s.Time.SecondsSince(origin));
        double meanX = samples.Average(s => s.TrueMinusSystem);
        double covariance = samples.Sum(s => (s.Time.SecondsSince(origin) - meanT) * (s.TrueMinusSystem - meanX));
        double variance = samples.Sum(s => Math.Pow(s.Time.SecondsSince(origin) - meanT, 2));
        return covariance / variance;
    }

    private static double Slope(FrequencySample from, FrequencySample to) =>
        (to.TrueMinusSystem - from.TrueMinusSystem) / to.Time.SecondsSince(from.Time);
}
