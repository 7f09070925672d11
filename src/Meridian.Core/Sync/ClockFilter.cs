using Meridian.Core.Time;
using Meridian.Protocol;

namespace Meridian.Core.Sync;

/// <summary>
/// The clock filter of one source (RFC 5905 §10): the last eight samples, each with its dispersion
/// grown by PHI per second of age; the one with the least distance (half the delay plus that
/// dispersion) is the source's offset — so an old sample cannot win on delay alone — and the spread
/// of the others about it, all brought forward to now, is its jitter. A filter output is only new
/// when its sample is newer than the previous output's, so the discipline never uses a sample twice.
/// </summary>
public sealed class ClockFilter
{
    private readonly NtpSample?[] _stages = new NtpSample?[Rfc5905.FilterStages];
    private int _next;
    private MonotonicTime _lastOutputTime = new(long.MinValue);

    public double Offset { get; private set; }

    public double Delay { get; private set; }

    public double Dispersion { get; private set; } = Rfc5905.MaxDispersion;

    /// <summary>When the sample behind the current output was taken.</summary>
    public MonotonicTime OutputTime { get; private set; }

    /// <summary>The served clock's correction when that sample was taken.</summary>
    public double OutputCorrection { get; private set; }

    public bool HasOutput { get; private set; }

    /// <summary>All eight stages hold samples: only then are the filter's error bounds tight.</summary>
    public bool IsFull => _stages.All(s => s.HasValue);

    /// <summary>Adds a sample; true when the filter output changed to a newer sample.</summary>
    public bool Add(NtpSample sample)
    {
        _stages[_next] = sample;
        _next = (_next + 1) % _stages.Length;
        return Update(sample.Time);
    }

    public void Clear()
    {
        Array.Clear(_stages);
        HasOutput = false;
        Dispersion = Rfc5905.MaxDispersion;
        _lastOutputTime = new MonotonicTime(long.MinValue);
    }

    /// <summary>
    /// RMS difference of the other samples from the output, each brought forward to
    /// <paramref name="now"/> with <paramref name="correction"/>, so corrected drift and slews are not
    /// mistaken for noise.
    /// </summary>
    public double Jitter(MonotonicTime now, ClockCorrection correction)
    {
        var others = _stages.Where(s => s.HasValue && s.Value.Time != OutputTime).Select(s => s!.Value).ToList();
        if (!HasOutput || others.Count == 0)
        {
            return 1e-9;
        }

        double best = correction.Project(Offset, OutputTime, OutputCorrection, now);
        double sum = others.Sum(s => Math.Pow(correction.Project(s.Offset, s.Time, s.Correction, now) - best, 2));
        return Math.Max(Math.Sqrt(sum / others.Count), 1e-9);
    }

    private bool Update(MonotonicTime now)
    {
        var samples = _stages.Where(s => s.HasValue).Select(s => s!.Value)
            .Select(s => s with { Dispersion = s.Dispersion + Rfc5905.Phi * now.SecondsSince(s.Time) })
            .OrderBy(s => s.Delay / 2 + s.Dispersion)
            .ToList();
        NtpSample best = samples[0];

        double dispersion = 0;
        for (int i = 0; i < Rfc5905.FilterStages; i++)
        {
            dispersion += (i < samples.Count ? samples[i].Dispersion : Rfc5905.MaxDispersion) / (2 << i);
        }

        Dispersion = dispersion;
        if (best.Time <= _lastOutputTime)
        {
            return false;
        }

        _lastOutputTime = best.Time;
        Offset = best.Offset;
        Delay = best.Delay;
        OutputTime = best.Time;
        OutputCorrection = best.Correction;
        HasOutput = true;
        return true;
    }
}
