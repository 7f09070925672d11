namespace Meridian.Core.Serving;

/// <summary>
/// How early each basic reply's transmit timestamp (T3, read just before the send) was against the
/// kernel's software transmit timestamp of the same datagram (SO_TIMESTAMPING): the error a client's
/// offset gets half of. One writer (the serving loop) counts; any thread may read. Fixed buckets,
/// nothing allocated when counting.
/// </summary>
public sealed class TransmitErrorHistogram
{
    /// <summary>Upper bounds of the buckets in microseconds; a last bucket holds the rest.</summary>
    public static IReadOnlyList<double> BoundsMicroseconds { get; } =
        [0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 100, 200, 500, 1000, 10_000];

    private readonly long[] _buckets = new long[BoundsMicroseconds.Count + 1];
    private long _count;
    private long _sumNanoseconds;
    private long _maxNanoseconds;

    public long Count => Volatile.Read(ref _count);

    public long SumNanoseconds => Volatile.Read(ref _sumNanoseconds);

    public long MaxNanoseconds => Volatile.Read(ref _maxNanoseconds);

    public long Bucket(int index) => Volatile.Read(ref _buckets[index]);

    /// <summary>Counts one error in seconds (kernel transmit time − T3); a negative one counts as 0.</summary>
    public void Observe(double seconds)
    {
        long nanoseconds = Math.Max(0, (long)Math.Round(seconds * 1e9));
        int bucket = 0;
        IReadOnlyList<double> bounds = BoundsMicroseconds;
        while (bucket < bounds.Count && nanoseconds > bounds[bucket] * 1000)
        {
            bucket++;
        }

        Volatile.Write(ref _buckets[bucket], _buckets[bucket] + 1);
        Volatile.Write(ref _sumNanoseconds, _sumNanoseconds + nanoseconds);
        if (nanoseconds > _maxNanoseconds)
        {
            Volatile.Write(ref _maxNanoseconds, nanoseconds);
        }

        Volatile.Write(ref _count, _count + 1);
    }
}
