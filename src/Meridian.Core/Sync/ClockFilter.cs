namespace Meridian.Core.Sync;

/// <summary>
/// The clock filter of one source (RFC 5905 §10): the last eight samples; the one with the least
/// delay is the source's offset, the spread of the others about it is its jitter. A filter output
/// is only new when its sample is newer than the previous output's, so the discipline never uses a
/// sample twice.
/// </summary>
public sealed class ClockFilter
{
    private readonly NtpSample?[] _stages = new NtpSample?[SyncConstants.FilterStages];
    private int _next;
    private MonotonicTime _lastOutputTime = new(long.MinValue);

    public double Offset { get; private set; }

    public double Delay { get; private set; }

    public double Dispersion { get; private set; } = SyncConstants.MaxDispersion;

    public double Jitter { get; private set; }

    /// <summary>When the sample behind the current output was taken.</summary>
    public MonotonicTime OutputTime { get; private set; }

    public bool HasOutput { get; private set; }

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
        Dispersion = SyncConstants.MaxDispersion;
        Jitter = 0;
        _lastOutputTime = new MonotonicTime(long.MinValue);
    }

    private bool Update(MonotonicTime now)
    {
        var samples = _stages.Where(s => s.HasValue).Select(s => s!.Value)
            .Select(s => s with { Dispersion = s.Dispersion + SyncConstants.Phi * now.SecondsSince(s.Time) })
            .OrderBy(s => s.Delay)
            .ToList();
        NtpSample best = samples[0];

        double dispersion = 0;
        for (int i = 0; i < SyncConstants.FilterStages; i++)
        {
            dispersion += (i < samples.Count ? samples[i].Dispersion : SyncConstants.MaxDispersion) / (2 << i);
        }

        double jitter = samples.Count > 1
            ? Math.Sqrt(samples.Skip(1).Average(s => (s.Offset - best.Offset) * (s.Offset - best.Offset)))
            : 0;

        Dispersion = dispersion;
        Jitter = Math.Max(jitter, 1e-9);
        if (best.Time <= _lastOutputTime)
        {
            return false;
        }

        _lastOutputTime = best.Time;
        Offset = best.Offset;
        Delay = best.Delay;
        OutputTime = best.Time;
        HasOutput = true;
        return true;
    }
}
