using Meridian.Core.Analysis;
using Meridian.Core.RateLimiting;
using Xunit.Abstractions;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.RateLimiting;

/// <summary>
/// The abuse report of a running server reads the rate-limit tables in place and keeps only the top
/// N of each section: the same report as sorting every client, in memory that follows N, not the table.
/// </summary>
public class ClientTableReportTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(20240601, 5)]
    [InlineData(7, 40)]
    [InlineData(99, 100_000)]
    public void GivesTheSameReport_AsSortingEveryClient(int seed, int top)
    {
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        RateLimiter[] limiters = [Filled(random, 4096), Filled(random, 1024)];
        MonotonicTime now = MonotonicTime.Zero.AddSeconds(600);

        ClientReport expected = ClientReport.Build(limiters.SelectMany(l => ClientTableReport.Observe(l, now)).ToList(), top);
        ClientReport report = ClientTableReport.Report(limiters, now, top);

        Assert.Equal(expected.Tracked, report.Tracked);
        Assert.Equal(expected.CompleteForSeconds, report.CompleteForSeconds);
        Assert.Equal(expected.ByRate, report.ByRate);
        Assert.Equal(expected.BurstClients, report.BurstClients);
        Assert.Equal(expected.RapidFire, report.RapidFire);
    }

    [Fact]
    public void ReportsAFullTable_AllocatingInProportionToTopNotToTheTable()
    {
        var random = new Random(5);
        output.WriteLine("seed 5");
        RateLimiter[] limiters = [Filled(random, 1 << 18), Filled(random, 1 << 18)];
        MonotonicTime now = MonotonicTime.Zero.AddSeconds(600);
        ClientTableReport.Report(limiters, now, 20); // JIT and first-use allocations out of the way

        long before = GC.GetAllocatedBytesForCurrentThread();
        ClientReport report = ClientTableReport.Report(limiters, now, 20);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(limiters.Sum(l => l.Table.Occupancy), report.Tracked);
        Assert.Equal(20, report.ByRate.Count);
        // Sorting copies of the table's 2^19 records took over 100 MB; the top 20 of three sections need a few kB.
        Assert.True(allocated < 256 << 10, $"{allocated} bytes allocated for a report of {report.Tracked} clients");
    }

    /// <summary>A limiter whose table is filled with distinct IPv4 clients of random histories (many short ones rank alike).</summary>
    private static RateLimiter Filled(Random random, int capacity)
    {
        var limiter = Limiters.Create(tableSize: capacity);
        uint now = ClientTable.Ticks(MonotonicTime.Zero.AddSeconds(600));
        for (int i = 0; i < capacity * 2 && limiter.Table.Occupancy < capacity; i++)
        {
            ref ClientRecord record = ref limiter.Table.Find(0x0000_FFFF_0000_0000UL | (uint)random.Next(), now, out _);
            record.FirstSeen = now - (uint)random.Next(1, random.Next(2) == 0 ? 4 : 600 * ClientTable.TicksPerSecond);
            record.LastSeen = record.FirstSeen + (uint)random.Next(0, (int)(now - record.FirstSeen));
            record.Packets = (uint)random.Next(1, random.Next(2) == 0 ? 9 : 100_000);
            record.Drops = (ushort)random.Next(0, 100);
            record.Kods = (byte)random.Next(0, 5);
            record.MinGap = (byte)random.Next(0, 256);
            record.IntervalSixteenths = (ushort)random.Next(0, 65536);
        }

        return limiter;
    }
}
