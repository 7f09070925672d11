using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Meridian.Core.RateLimiting;
using Meridian.Core.Tests.Access;

namespace Meridian.Core.Tests.RateLimiting;

/// <summary>Serving policy P7: the fixed-memory client table (32 bytes per client, 4-way buckets, least recently seen evicted among records that owe nothing).</summary>
public class ClientTableTests
{
    [Fact]
    public void KeepsEachClientIn32Bytes()
    {
        Assert.Equal(32, Marshal.SizeOf<ClientRecord>());
        Assert.Equal(32, Unsafe.SizeOf<ClientRecord>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(1000)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public void HoldsAtLeastTheConfiguredNumberOfClients_In32BytesEach(int size)
    {
        // The first table of the process also pays for loading the type; measure one after it.
        _ = new ClientTable(ClientTable.Ways, Limiters.HashKey0, Limiters.HashKey1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var table = new ClientTable(size, Limiters.HashKey0, Limiters.HashKey1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(table.Capacity, size, (2 * size) + ClientTable.Ways);
        Assert.Equal(0, table.Capacity % ClientTable.Ways);
        Assert.InRange(allocated, table.Capacity * 32L, (table.Capacity * 32L) + 256);
    }

    /// <summary>
    /// A table holds at least the configured number of clients, also for sizes that are not a
    /// multiple of the four ways.
    /// </summary>
    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(1025)]
    [InlineData((1 << 20) + 1)]
    public void HoldsAtLeastTheConfiguredNumberOfClients_WhenTheSizeIsNotAMultipleOfFour(int size)
    {
        var table = new ClientTable(size, Limiters.HashKey0, Limiters.HashKey1);

        Assert.True(table.Capacity >= size, $"a table of {size} holds {table.Capacity} clients");
    }

    [Fact]
    public void FindsTheSameRecord_ForTheSameKey()
    {
        var table = new ClientTable(1024, Limiters.HashKey0, Limiters.HashKey1);

        ref ClientRecord first = ref table.Find(42, 100, out bool firstIsNew);
        first.Packets = 7;
        ref ClientRecord again = ref table.Find(42, 200, out bool againIsNew);

        Assert.True(firstIsNew);
        Assert.False(againIsNew);
        Assert.True(Unsafe.AreSame(ref first, ref again));
        Assert.Equal(7u, again.Packets);
        Assert.Equal(100u, again.FirstSeen);
    }

    [Fact]
    public void StartsANewRecord_WithTheKeyAndTimes()
    {
        var table = new ClientTable(4, Limiters.HashKey0, Limiters.HashKey1);

        ClientRecord record = table.Find(0xABCDEF, 1234, out bool isNew);

        Assert.True(isNew);
        Assert.Equal(0xABCDEFUL, record.Key);
        Assert.Equal(1234u, record.FirstSeen);
        Assert.Equal(1234u, record.LastSeen);
        Assert.Equal(ClientRecord.NoGap, record.MinGap);
        Assert.Equal(0u, record.Packets);
    }

    [Theory]
    [InlineData(10u, 5000u)]
    [InlineData(uint.MaxValue - 1000, 20u)]
    public void TakesAnEmptyWay_BeforeEvictingAnyClient(uint oldest, uint now)
    {
        var table = new ClientTable(4, Limiters.HashKey0, Limiters.HashKey1);
        Seen(table, key: 1, lastSeen: oldest);
        Seen(table, key: 2, lastSeen: now);
        Seen(table, key: 3, lastSeen: now);

        table.Find(4, now, out bool isNew);

        Assert.True(isNew);
        Assert.Equal([1UL, 2, 3, 4], Keys(table));
        Assert.Equal(0, table.Evictions);
        Assert.Equal(4, table.Occupancy);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EvictsTheLeastRecentlySeenWay_WhenTheBucketIsFull(int oldestWay)
    {
        var table = new ClientTable(4, Limiters.HashKey0, Limiters.HashKey1);
        for (int way = 0; way < ClientTable.Ways; way++)
        {
            Seen(table, key: (ulong)(way + 1), lastSeen: way == oldestWay ? 100u : 1000u + (uint)way);
        }

        table.Find(99, 2000, out bool isNew);

        ulong evicted = (ulong)(oldestWay + 1);
        Assert.True(isNew);
        Assert.DoesNotContain(evicted, Keys(table));
        Assert.Contains(99UL, Keys(table));
        Assert.Equal(1, table.Evictions);
        Assert.Equal(4, table.Occupancy);
    }

    [Fact]
    public void EvictsByLastSeen_NotByFirstSeen()
    {
        var table = new ClientTable(4, Limiters.HashKey0, Limiters.HashKey1);
        Seen(table, key: 1, lastSeen: 1900, firstSeen: 10);
        Seen(table, key: 2, lastSeen: 1000, firstSeen: 900);
        Seen(table, key: 3, lastSeen: 1800, firstSeen: 950);
        Seen(table, key: 4, lastSeen: 1700, firstSeen: 960);

        table.Find(5, 2000, out _);

        Assert.Equal([1UL, 3, 4, 5], Keys(table));
    }

    [Fact]
    public void EvictsByAge_AcrossTheTickCounterWrap()
    {
        var table = new ClientTable(4, Limiters.HashKey0, Limiters.HashKey1);
        Seen(table, key: 1, lastSeen: uint.MaxValue - 100);
        Seen(table, key: 2, lastSeen: 50);
        Seen(table, key: 3, lastSeen: 60);
        Seen(table, key: 4, lastSeen: 70);

        table.Find(5, 80, out _);

        Assert.Equal([2UL, 3, 4, 5], Keys(table));
    }

    [Fact]
    public void CountsOccupancyAndEvictions()
    {
        var table = new ClientTable(4, Limiters.HashKey0, Limiters.HashKey1);

        for (uint i = 1; i <= 10; i++)
        {
            table.Find(i, i, out _).LastSeen = i;
            Assert.Equal(Math.Min(i, 4L), table.Occupancy);
            Assert.Equal(Math.Max(0L, i - 4L), table.Evictions);
        }

        table.Find(10, 11, out bool isNew);
        Assert.False(isNew);
        Assert.Equal(6, table.Evictions);
        Assert.Equal([7UL, 8, 9, 10], Keys(table));
    }

    [Theory]
    [InlineData(1UL, 2UL)]
    [InlineData(0xDEAD_BEEFUL, 0x1234_5678_9ABC_DEF0UL)]
    public void SpreadsConsecutiveAddressesAcrossBuckets(ulong hashKey0, ulong hashKey1)
    {
        var table = new ClientTable(4096, hashKey0, hashKey1);

        for (uint i = 0; i < 1024; i++)
        {
            table.Find(ClientKey.Of(NetEndpoint.FromIPv4(0xC6336400 + i, 123), 32, 64), i, out _);
        }

        // 1024 clients in 1024 buckets of 4: with a keyed hash, a handful overflow; with a hash that
        // keeps the high bits of the key, they would all share a bucket.
        Assert.True(table.Evictions < 16, $"hash keys {hashKey0:X}/{hashKey1:X}: {table.Evictions} evictions");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void StillLimitsANewAbusiveClient_WhenTheTableIsFull(int idleSeconds)
    {
        RateLimiter limiter = Limiters.Create(tableSize: 4);
        string[] idle = ["192.0.2.1", "192.0.2.2", "2001:db8::1", "2001:db8:0:1::1"];
        foreach (string address in idle)
        {
            limiter.Decide(Addresses.Parse(address), Limiters.At(100), false, Limiters.NoLeak);
        }

        Assert.Equal(4, limiter.Table.Occupancy);

        int answered = Limiters.CountAllowed(limiter, Addresses.Parse("203.0.113.66"), Limiters.At(100 + idleSeconds), 20);

        // Records a second old or younger that owe are kept: then the new client overflows its bucket
        // and is held to the shared allowance, else it takes the way of the oldest.
        Assert.Equal(limiter.Options.Burst, answered);
        Assert.Equal(idleSeconds == 0 ? 0 : 1, limiter.Table.Evictions);
        Assert.Equal(idleSeconds == 0 ? 20 : 0, limiter.Table.Overflows);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(1234)]
    public void StillLimitsANewAbusiveClient_WhenTheTableIsFull_ApartFromTheLeak(int seed)
    {
        RateLimiter limiter = Limiters.Create(leak: 4, tableSize: 4);
        for (uint i = 1; i <= 4; i++)
        {
            limiter.Decide(NetEndpoint.FromIPv4(0xC0000200 + i, 123), Limiters.At(100), false, Limiters.NoLeak);
        }

        var random = new Random(seed);
        var abuser = Addresses.Parse("203.0.113.66");
        int answered = 0;
        int leaksDue = 0;
        for (int i = 0; i < 20; i++)
        {
            uint value = (uint)random.NextInt64(0, 1L << 32);
            leaksDue += i >= 10 && (value & 15) == 0 ? 1 : 0;
            answered += limiter.Decide(abuser, Limiters.At(110), false, value) == RateDecision.Allow ? 1 : 0;
        }

        Assert.True(answered == 10 + leaksDue, $"seed {seed}: {answered} answered, burst 10 + {leaksDue} leaked expected");
    }

    [Fact]
    public void AllocatesNothing_PerFind()
    {
        var table = new ClientTable(64, Limiters.HashKey0, Limiters.HashKey1);
        FindRotating(table, 0, 1000);
        long evictions = table.Evictions;
        uint next = 1000;

        long[] allocated = Allocations.PerRound(() =>
        {
            FindRotating(table, next, 10_000);
            next += 10_000;
        });

        Allocations.AssertNoneInSomeRound(allocated);
        Assert.True(table.Evictions - evictions > Allocations.Rounds * 5_000, $"{table.Evictions - evictions} evictions");
    }

    private static void FindRotating(ClientTable table, uint first, uint count)
    {
        for (uint i = first; i < first + count; i++)
        {
            ref ClientRecord record = ref table.Find(1 + (i % 97), i, out _);
            record.LastSeen = i;
            record.Packets++;
        }
    }

    private static void Seen(ClientTable table, ulong key, uint lastSeen, uint? firstSeen = null)
    {
        ref ClientRecord record = ref table.Find(key, firstSeen ?? lastSeen, out bool isNew);
        Assert.True(isNew);
        record.LastSeen = lastSeen;
    }

    private static ulong[] Keys(ClientTable table) => [.. table.Snapshot().Select(r => r.Key).Order()];
}
