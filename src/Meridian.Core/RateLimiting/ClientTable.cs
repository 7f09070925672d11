using Meridian.Core.Sync;

namespace Meridian.Core.RateLimiting;

/// <summary>
/// Fixed-memory client table: 32-byte records in 4-way buckets chosen by a keyed hash (the key is
/// random per process, so an attacker cannot aim addresses at one bucket). A client not in its
/// bucket takes an empty way or evicts the least recently seen one, so a full table keeps
/// limiting new clients instead of failing open. One writer: its serving loop.
/// </summary>
public sealed class ClientTable
{
    public const int Ways = 4;

    /// <summary>Ticks per second of the record times.</summary>
    public const int TicksPerSecond = 256;

    private readonly ClientRecord[] _records;
    private readonly ulong _bucketMask;
    private readonly ulong _hashKey0;
    private readonly ulong _hashKey1;
    private long _occupancy;
    private long _evictions;

    public ClientTable(int capacity, ulong hashKey0, ulong hashKey1)
    {
        int buckets = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, (capacity + Ways - 1) / Ways));
        _records = new ClientRecord[buckets * Ways];
        _bucketMask = (ulong)buckets - 1;
        _hashKey0 = hashKey0;
        _hashKey1 = hashKey1 | 1;
    }

    public int Capacity => _records.Length;

    public long Occupancy => Volatile.Read(ref _occupancy);

    public long Evictions => Volatile.Read(ref _evictions);

    public static uint Ticks(MonotonicTime now) => (uint)(now.Nanoseconds / (1_000_000_000 / TicksPerSecond));

    /// <summary>The client's record, found or newly made (then <paramref name="isNew"/> is true).</summary>
    public ref ClientRecord Find(ulong key, uint now, out bool isNew)
    {
        int first = (int)(Hash(key) & _bucketMask) * Ways;
        int victim = first;
        uint oldest = 0;
        for (int i = first; i < first + Ways; i++)
        {
            ref ClientRecord record = ref _records[i];
            if (record.Key == key)
            {
                isNew = false;
                return ref record;
            }

            uint age = record.Key == 0 ? uint.MaxValue : now - record.LastSeen;
            if (age > oldest || i == first)
            {
                oldest = age;
                victim = i;
            }
        }

        ref ClientRecord taken = ref _records[victim];
        if (taken.Key == 0)
        {
            Volatile.Write(ref _occupancy, _occupancy + 1);
        }
        else
        {
            Volatile.Write(ref _evictions, _evictions + 1);
        }

        taken = new ClientRecord { Key = key, FirstSeen = now, LastSeen = now, MinGap = ClientRecord.NoGap };
        isNew = true;
        return ref taken;
    }

    /// <summary>The records in place, empty ones included (Key 0), for a reader that must not copy a full table; read while the writer runs.</summary>
    public ReadOnlySpan<ClientRecord> Records => _records;

    /// <summary>A copy of the occupied records, for reports (read while the writer runs: a record may be a moment stale).</summary>
    public List<ClientRecord> Snapshot() => _records.Where(r => r.Key != 0).ToList();

    private ulong Hash(ulong key)
    {
        ulong h = (key ^ _hashKey0) * 0x9E37_79B9_7F4A_7C15UL;
        h ^= h >> 29;
        h *= _hashKey1;
        return h ^ (h >> 32);
    }
}

