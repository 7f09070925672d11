namespace Meridian.Benchmarks;

/// <summary>
/// The design measured against worker shards: a rate-limit table that several workers update
/// lock-free. 32-byte entries like <see cref="Meridian.Core.RateLimiting.ClientRecord"/> (client
/// key, GCRA theoretical arrival time, packets, last seen) in 4-way buckets; a way is claimed with a
/// compare-and-swap on its key, the arrival time advances with a compare-and-swap loop and, when
/// <c>trackClients</c> is set, every request also increments the packet count and writes the last
/// seen time (what the client report needs; the real record keeps more). Built for the measurement
/// only: no LRU eviction, no KoD or leak.
/// </summary>
public sealed class SharedGcraTable
{
    private const int Ways = 4;
    private const int Fields = 4; // key, arrival time, packets, last seen

    private readonly long[] _entries;
    private readonly ulong _bucketMask;
    private readonly long _emission;
    private readonly long _tolerance;
    private readonly bool _trackClients;

    public SharedGcraTable(int capacity, long emission, long tolerance, bool trackClients)
    {
        int buckets = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(capacity / Ways));
        _entries = new long[buckets * Ways * Fields];
        _bucketMask = (ulong)buckets - 1;
        _emission = emission;
        _tolerance = tolerance;
        _trackClients = trackClients;
    }

    /// <summary>True when the request conforms (and is counted against the client).</summary>
    public bool Allow(long key, long now)
    {
        int entry = Claim(key) * Fields;
        if (_trackClients)
        {
            Interlocked.Increment(ref _entries[entry + 2]);
            Volatile.Write(ref _entries[entry + 3], now);
        }

        ref long tat = ref _entries[entry + 1];
        while (true)
        {
            long seen = Volatile.Read(ref tat);
            long start = Math.Max(seen, now);
            if (start - now > _tolerance)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref tat, start + _emission, seen) == seen)
            {
                return true;
            }
        }
    }

    private int Claim(long key)
    {
        int first = (int)(Hash((ulong)key) & _bucketMask) * Ways;
        for (int way = first; way < first + Ways; way++)
        {
            long current = Volatile.Read(ref _entries[way * Fields]);
            if (current == key)
            {
                return way;
            }

            if (current == 0)
            {
                long previous = Interlocked.CompareExchange(ref _entries[way * Fields], key, 0);
                if (previous == 0 || previous == key)
                {
                    return way;
                }
            }
        }

        // Bucket full: take over a way chosen by the key.
        int victim = first + (int)((ulong)key % Ways);
        Volatile.Write(ref _entries[victim * Fields], key);
        Volatile.Write(ref _entries[(victim * Fields) + 1], 0);
        return victim;
    }

    private static ulong Hash(ulong key)
    {
        ulong h = key * 0x9E37_79B9_7F4A_7C15UL;
        return h ^ (h >> 29);
    }
}
