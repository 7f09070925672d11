using System.Numerics;

namespace Meridian.Core.Serving;

/// <summary>
/// Distinct client addresses seen by one serving loop, in fixed memory and without allocation:
/// exact (a set of 64-bit address hashes) up to <see cref="ExactLimit"/> addresses, and a
/// HyperLogLog sketch (2^14 one-byte registers, relative standard error 1.04/√16384 ≈ 0.81 %) from
/// the start, which takes over past the limit. One writer; readers see a moment-stale view.
/// </summary>
public sealed class UniqueClientCounter
{
    public const int ExactLimit = 8192;

    private const int RegisterBits = 14;
    private const int Registers = 1 << RegisterBits;
    private const int SlotMask = (2 * ExactLimit) - 1;

    private readonly ulong[] _exact = new ulong[2 * ExactLimit];
    private readonly byte[] _registers = new byte[Registers];
    private int _exactCount;
    private bool _overflowed;

    public static double RelativeError => 1.04 / Math.Sqrt(Registers);

    /// <summary>Counts the address of <paramref name="client"/> (its port is ignored).</summary>
    public void Observe(in NetEndpoint client)
    {
        ulong hash = Hash(client);
        int register = (int)(hash >> (64 - RegisterBits));
        byte rank = (byte)(BitOperations.LeadingZeroCount((hash << RegisterBits) | (1UL << (RegisterBits - 1))) + 1);
        if (rank > _registers[register])
        {
            _registers[register] = rank;
        }

        if (!_overflowed)
        {
            AddExact(hash | 1);
        }
    }

    /// <summary>The distinct addresses over several counters (whose clients may overlap).</summary>
    public static UniqueCount Merge(IReadOnlyCollection<UniqueClientCounter> counters)
    {
        if (counters.All(c => !Volatile.Read(ref c._overflowed)))
        {
            var union = new HashSet<ulong>(counters.SelectMany(c => c._exact.Where(k => k != 0)));
            if (union.Count <= ExactLimit)
            {
                return UniqueCount.Exact(union.Count);
            }
        }

        var merged = new byte[Registers];
        foreach (UniqueClientCounter counter in counters)
        {
            for (int i = 0; i < Registers; i++)
            {
                merged[i] = Math.Max(merged[i], counter._registers[i]);
            }
        }

        return new UniqueCount((long)Math.Round(Estimate(merged)), true, RelativeError);
    }

    /// <summary>The HyperLogLog estimate, with linear counting while many registers are still zero.</summary>
    internal static double Estimate(byte[] registers)
    {
        double sum = 0;
        int zeros = 0;
        foreach (byte r in registers)
        {
            sum += Math.ScaleB(1, -r);
            zeros += r == 0 ? 1 : 0;
        }

        double m = registers.Length;
        double raw = 0.7213 / (1 + (1.079 / m)) * m * m / sum;
        return raw <= 2.5 * m && zeros > 0 ? m * Math.Log(m / zeros) : raw;
    }

    private void AddExact(ulong key)
    {
        int slot = (int)key & SlotMask;
        while (true)
        {
            ulong current = _exact[slot];
            if (current == key)
            {
                return;
            }

            if (current == 0)
            {
                if (_exactCount == ExactLimit)
                {
                    Volatile.Write(ref _overflowed, true);
                    return;
                }

                _exact[slot] = key;
                _exactCount++;
                return;
            }

            slot = (slot + 1) & SlotMask;
        }
    }

    /// <summary>A 64-bit mix of the 128-bit address (the 64-bit finalizer of MurmurHash3 over both halves).</summary>
    private static ulong Hash(in NetEndpoint client)
    {
        ulong h = client.High * 0x9E37_79B9_7F4A_7C15UL ^ client.Low;
        h ^= h >> 33;
        h *= 0xFF51_AFD7_ED55_8CCDUL;
        h ^= h >> 33;
        h *= 0xC4CE_B9FE_1A85_EC53UL;
        return h ^ (h >> 33);
    }
}
