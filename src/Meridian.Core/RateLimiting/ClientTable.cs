using Meridian.Core.Time;

namespace Meridian.Core.RateLimiting;

/// <summary>
/// Fixed-memory client table: 32-byte records in 4-way buckets chosen by a keyed hash (the key is
/// random per process, so an attacker cannot aim addresses at one bucket). A client not in its
/// bucket takes an empty way or evicts the way that matters least, so a full table under any churn
/// keeps limiting (P7: it never fails open). From least to most worth keeping:
/// <list type="number">
/// <item>a record whose bucket is full again (nothing owed) and that does not poll regularly: its
/// absence changes nothing, a new record for that client would behave the same (oldest first);</item>
/// <item>a record that owes part of its burst, as every one-packet spoofed source does for one
/// emission interval (least owed first);</item>
/// <item>a client seen polling regularly (<see cref="PollsRegularly"/>), which the global budget
/// serves first (the one known for the shortest time first);</item>
/// <item>a client over its limit, whose next request now would be refused (least owed first).</item>
/// </list>
/// A record that owes and is younger than <see cref="DebtLimits.YoungTicks"/> (a second, or the emission
/// interval if shorter) is never evicted for a new client, nor is a regular poller or a client over
/// its limit: a new client whose bucket holds only such records gets no record
/// (<see cref="ClientLookup.Overflow"/>), and the limiter holds all such clients to one shared
/// allowance. So whatever the churn, a client sending a request per second or faster meets its own
/// record again, and stays limited. Debts decay with time, so an abuser that stops falls back
/// through the ranks on its own. O(ways) per lookup, no allocation. One writer: its serving loop.
/// </summary>
public sealed class ClientTable
{
    public const int Ways = 4;

    /// <summary>Ticks per second of the record times.</summary>
    public const int TicksPerSecond = 256;

    /// <summary>Fewest requests (two intervals) before a client counts as polling regularly.</summary>
    public const int RegularMinPackets = 3;

    /// <summary>
    /// A time up to this far before a record's last sighting (a minute) is taken as that sighting:
    /// the clock is monotonic, but receive times mapped from kernel timestamps may jitter by
    /// milliseconds between batches, and such a step back must not look like months of silence.
    /// </summary>
    public const uint MaxStepBackTicks = 60 * TicksPerSecond;

    private const uint RegularMinIntervalSixteenths = 16;
    private const uint RegularSlackTicks = 4 * TicksPerSecond;

    private readonly ClientRecord[] _records;
    private readonly ulong _bucketMask;
    private readonly ulong _hashKey0;
    private readonly ulong _hashKey1;
    private ClientRecord _scratch;
    private long _occupancy;
    private long _evictions;
    private long _overflows;

    public ClientTable(int capacity, ulong hashKey0, ulong hashKey1)
    {
        int buckets = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, (capacity + Ways - 1) / Ways));
        _records = new ClientRecord[buckets * Ways];
        _bucketMask = (ulong)buckets - 1;
        _hashKey0 = hashKey0;
        _hashKey1 = hashKey1 | 1;
    }

    public int Buckets => _records.Length / Ways;

    public int Capacity => _records.Length;

    public long Occupancy => Volatile.Read(ref _occupancy);

    public long Evictions => Volatile.Read(ref _evictions);

    /// <summary>New clients that found every way of their bucket holding a record that matters.</summary>
    public long Overflows => Volatile.Read(ref _overflows);

    /// <summary>The records in place, for reports that must not copy the table (empty slots have key 0; read while the writer runs, a record may be a moment stale).</summary>
    public ReadOnlySpan<ClientRecord> Records => _records;

    public static uint Ticks(MonotonicTime now) => (uint)(now.Nanoseconds / (1_000_000_000 / TicksPerSecond));

    /// <summary>Ticks from <paramref name="then"/> to <paramref name="now"/>; 0 when now is up to <see cref="MaxStepBackTicks"/> earlier.</summary>
    public static uint Elapsed(uint now, uint then)
    {
        uint elapsed = now - then;
        return elapsed > uint.MaxValue - MaxStepBackTicks ? 0 : elapsed;
    }

    /// <summary>
    /// A client polls regularly when it has sent at least <see cref="RegularMinPackets"/> requests,
    /// its smoothed interval is at least 1 s, and it was last seen within three of its intervals
    /// (plus 4 s): an NTP client on its poll schedule, not a one-off or a lapsed one.
    /// </summary>
    public static bool PollsRegularly(in ClientRecord record, uint elapsedSinceLastSeen) =>
        record.Packets >= RegularMinPackets
        && record.IntervalSixteenths >= RegularMinIntervalSixteenths
        && elapsedSinceLastSeen <= (3u * record.IntervalSixteenths * (TicksPerSecond / 16)) + RegularSlackTicks;

    /// <summary>The client's record, found or newly made (then <paramref name="isNew"/> is true; also on overflow).</summary>
    public ref ClientRecord Find(ulong key, uint now, out bool isNew)
    {
        ref ClientRecord record = ref Locate(key, now, default, out ClientLookup lookup);
        isNew = lookup != ClientLookup.Found;
        return ref record;
    }

    /// <summary>The client's record, found or newly made, or on overflow scratch space outside the table.</summary>
    public ref ClientRecord Locate(ulong key, uint now, DebtLimits debt, out ClientLookup lookup)
    {
        int first = (int)(Hash(key) & _bucketMask) * Ways;
        int victim = first;
        ulong lowest = ulong.MaxValue;
        for (int i = first; i < first + Ways; i++)
        {
            ref ClientRecord record = ref _records[i];
            if (record.Key == key)
            {
                lookup = ClientLookup.Found;
                return ref record;
            }

            ulong worth = Worth(record, now, debt);
            if (worth < lowest)
            {
                lowest = worth;
                victim = i;
            }
        }

        ref ClientRecord taken = ref _records[victim];
        if (taken.Key == 0)
        {
            Volatile.Write(ref _occupancy, _occupancy + 1);
        }
        else if (lowest >= (3UL << 32) || (lowest >= (2UL << 32) && Elapsed(now, taken.FirstSeen) <= debt.YoungTicks))
        {
            Volatile.Write(ref _overflows, _overflows + 1);
            _scratch = new ClientRecord { Key = key, FirstSeen = now, LastSeen = now, MinGap = ClientRecord.NoGap };
            lookup = ClientLookup.Overflow;
            return ref _scratch;
        }
        else
        {
            Volatile.Write(ref _evictions, _evictions + 1);
        }

        taken = new ClientRecord { Key = key, FirstSeen = now, LastSeen = now, MinGap = ClientRecord.NoGap };
        lookup = ClientLookup.New;
        return ref taken;
    }

    /// <summary>
    /// How much a record is worth keeping: its rank (see the class summary) in the high 32 bits and
    /// its order within the rank in the low 32; an empty way is worth 0.
    /// </summary>
    private static ulong Worth(in ClientRecord record, uint now, DebtLimits debt)
    {
        if (record.Key == 0)
        {
            return 0;
        }

        uint idle = Elapsed(now, record.LastSeen);
        int ahead = idle > debt.ToleranceTicks + debt.EmissionTicks ? 0 : (int)(record.Tat - now);
        if (ahead > (int)debt.ToleranceTicks)
        {
            return (4UL << 32) | (uint)ahead;
        }

        if (PollsRegularly(record, idle))
        {
            return (3UL << 32) | Elapsed(now, record.FirstSeen);
        }

        return ahead > 0 ? (2UL << 32) | (uint)ahead : (1UL << 32) | (uint.MaxValue - idle);
    }

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

