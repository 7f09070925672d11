namespace Meridian.Core.Serving;

/// <summary>
/// The transmit-timestamp errors of several serving loops summed at one moment: counts per bucket of
/// <see cref="TransmitErrorHistogram.BoundsMicroseconds"/> (the last one unbounded), the sum and the maximum.
/// </summary>
public sealed record TransmitErrorSummary(long Count, long SumNanoseconds, long MaxNanoseconds, IReadOnlyList<long> Buckets)
{
    public static TransmitErrorSummary Empty { get; } = new(0, 0, 0, new long[TransmitErrorHistogram.BoundsMicroseconds.Count + 1]);

    public double MeanMicroseconds => Count == 0 ? 0 : SumNanoseconds / 1e3 / Count;

    public double MaxMicroseconds => MaxNanoseconds / 1e3;

    /// <summary><see cref="QuantileMicroseconds"/> at 0.99 (in the status document for the dashboard).</summary>
    public double P99Microseconds => QuantileMicroseconds(0.99);

    /// <summary>The upper bound of the bucket that holds the <paramref name="quantile"/> (0 when nothing was counted, the maximum past the last bound).</summary>
    public double QuantileMicroseconds(double quantile)
    {
        if (Count == 0)
        {
            return 0;
        }

        long rank = (long)Math.Ceiling(quantile * Count);
        long seen = 0;
        for (int i = 0; i < Buckets.Count; i++)
        {
            seen += Buckets[i];
            if (seen >= rank)
            {
                return i < TransmitErrorHistogram.BoundsMicroseconds.Count ? Math.Min(TransmitErrorHistogram.BoundsMicroseconds[i], MaxMicroseconds) : MaxMicroseconds;
            }
        }

        return MaxMicroseconds;
    }

    /// <summary>The errors counted since <paramref name="earlier"/> (for a rate step); the maximum is the later one's.</summary>
    public TransmitErrorSummary Since(TransmitErrorSummary earlier) =>
        new(Count - earlier.Count, SumNanoseconds - earlier.SumNanoseconds, MaxNanoseconds, Buckets.Select((b, i) => b - earlier.Buckets[i]).ToArray());

    public static TransmitErrorSummary Sum(IEnumerable<TransmitErrorHistogram> histograms)
    {
        var buckets = new long[TransmitErrorHistogram.BoundsMicroseconds.Count + 1];
        long count = 0, sum = 0, max = 0;
        foreach (TransmitErrorHistogram h in histograms)
        {
            count += h.Count;
            sum += h.SumNanoseconds;
            max = Math.Max(max, h.MaxNanoseconds);
            for (int i = 0; i < buckets.Length; i++)
            {
                buckets[i] += h.Bucket(i);
            }
        }

        return new TransmitErrorSummary(count, sum, max, buckets);
    }
}
