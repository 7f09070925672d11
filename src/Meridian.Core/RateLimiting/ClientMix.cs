namespace Meridian.Core.RateLimiting;

/// <summary>
/// How the clients in the rate limiter's tables behave, aggregated so no figure names a client: how
/// many poll at most every 1, 2, 4 … 1024 s (cumulative, like Prometheus <c>le</c> buckets; clients
/// seen once have no interval and are left out), and the share of the tables' packets sent by the
/// top 1, 10 and 100 clients.
/// </summary>
public sealed record ClientMix(IReadOnlyList<long> PollIntervalAtMost, double Top1Share, double Top10Share, double Top100Share)
{
    /// <summary>Bucket bounds in seconds: 2^0 … 2^10, then +Inf (the last count is every client with an interval).</summary>
    public static IReadOnlyList<double> PollIntervalBounds { get; } =
        [.. Enumerable.Range(0, 11).Select(p => (double)(1 << p)), double.PositiveInfinity];

    public const int Top = 100;

    private const int PollIntervalBuckets = 12;

    /// <summary>One pass over each table, no copy of it: O(capacity) time and a 100-slot heap.</summary>
    public static ClientMix Measure(IEnumerable<ClientTable> tables)
    {
        var buckets = new long[PollIntervalBounds.Count];
        var top = new PriorityQueue<long, long>(Top);
        long total = 0;
        foreach (ClientTable table in tables)
        {
            total += Tally(table.Records, buckets, top);
        }

        for (int i = 1; i < buckets.Length; i++)
        {
            buckets[i] += buckets[i - 1];
        }

        long[] largest = new long[top.Count];
        for (int i = largest.Length - 1; i >= 0; i--)
        {
            largest[i] = top.Dequeue();
        }

        return new ClientMix(buckets, Share(largest, 1, total), Share(largest, 10, total), Share(largest, Top, total));
    }

    private static long Tally(ReadOnlySpan<ClientRecord> records, long[] buckets, PriorityQueue<long, long> top)
    {
        long total = 0;
        foreach (ref readonly ClientRecord record in records)
        {
            if (record.Key == 0)
            {
                continue;
            }

            total += record.Packets;
            if (top.Count < Top)
            {
                top.Enqueue(record.Packets, record.Packets);
            }
            else if (record.Packets > top.Peek())
            {
                top.EnqueueDequeue(record.Packets, record.Packets); // most records are not in the top 100: one comparison
            }

            if (record.Packets >= 2)
            {
                buckets[Bucket(record.IntervalSixteenths)]++;
            }
        }

        return total;
    }

    /// <summary>The first bucket whose bound holds the interval: ceil(log2(seconds)), 0 at most, +Inf past 1024 s.</summary>
    private static int Bucket(ushort sixteenths) =>
        sixteenths <= 16 ? 0 : Math.Min(PollIntervalBuckets - 1, System.Numerics.BitOperations.Log2((uint)sixteenths - 1) + 1 - 4);

    private static double Share(long[] largest, int n, long total) =>
        total == 0 ? 0 : largest.Take(n).Sum() / (double)total;
}
