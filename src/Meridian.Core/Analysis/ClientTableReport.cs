using Meridian.Core.Time;

using Meridian.Core.RateLimiting;

namespace Meridian.Core.Analysis;

/// <summary>
/// Turns the limiters' records into the abuse report, as of <c>now</c>. <see cref="Report"/> reads
/// the tables in place and keeps only the best <c>top</c> records of each section in bounded heaps,
/// so its memory follows <c>top</c>, not the table size (a full table is millions of records).
/// </summary>
public static class ClientTableReport
{
    /// <summary>Every record as an observation (for small tables and tests: it allocates one per record).</summary>
    public static IEnumerable<ClientObservation> Observe(RateLimiter limiter, MonotonicTime now)
    {
        uint t = ClientTable.Ticks(now);
        RateLimitOptions options = limiter.Options;
        return limiter.Table.Snapshot().Select(r => Observation(r, t, options));
    }

    /// <summary>
    /// The same report as <see cref="ClientReport.Build"/> over every record of <paramref name="limiters"/>
    /// (clients by packets per second, then packets, then oldest first; burst and rapid-fire clients),
    /// without copying the tables.
    /// </summary>
    public static ClientReport Report(IReadOnlyList<RateLimiter> limiters, MonotonicTime now, int top)
    {
        uint t = ClientTable.Ticks(now);
        var byRate = new TopRecords(top);
        var burst = new TopRecords(top);
        var rapidFire = new TopRecords(top);
        int tracked = 0;
        double completeFor = 0;
        for (int l = 0; l < limiters.Count; l++)
        {
            ReadOnlySpan<ClientRecord> records = limiters[l].Table.Records;
            for (int i = 0; i < records.Length; i++)
            {
                ClientRecord record = records[i];
                if (record.Key == 0)
                {
                    continue;
                }

                tracked++;
                var rank = new Rank(record, t, ((long)l << 32) | (uint)i);
                completeFor = Math.Max(completeFor, Seconds(t - record.LastSeen));
                byRate.Offer(record, l, rank);
                if (ClientReport.IsBurst(record.Packets, rank.Span))
                {
                    burst.Offer(record, l, rank);
                }

                if (ClientReport.IsRapidFire(MinGapSeconds(record)))
                {
                    rapidFire.Offer(record, l, rank);
                }
            }
        }

        return new ClientReport(tracked, completeFor, byRate.Best(limiters, t), burst.Best(limiters, t), rapidFire.Best(limiters, t));
    }

    private static ClientObservation Observation(in ClientRecord r, uint t, RateLimitOptions options) => new(
        ClientKey.Format(r.Key, options.Prefix4, options.Prefix6),
        Seconds(t - r.FirstSeen),
        Seconds(t - r.LastSeen),
        r.Packets,
        r.Drops,
        r.Kods,
        MinGapSeconds(r),
        r.Packets < 2 ? null : r.IntervalSixteenths / 16.0);

    private static double Seconds(uint ticks) => ticks / (double)ClientTable.TicksPerSecond;

    private static double? MinGapSeconds(in ClientRecord r) => r.MinGap == ClientRecord.NoGap ? null : r.MinGap * ClientRecord.GapUnitMs / 1000.0;

    /// <summary>
    /// The report's order, computed as <see cref="ClientObservation"/> computes it: greater is listed
    /// first; among equals the earlier in the tables, as the stable sort of <see cref="ClientReport.Build"/> lists them.
    /// </summary>
    private readonly struct Rank : IComparable<Rank>
    {
        private readonly long _position;

        public Rank(in ClientRecord r, uint t, long position)
        {
            _position = position;
            FirstSeenAgo = Seconds(t - r.FirstSeen);
            Span = Math.Max(0, FirstSeenAgo - Seconds(t - r.LastSeen));
            PacketsPerSecond = r.Packets / Math.Max(1, Span);
            Packets = r.Packets;
        }

        public double PacketsPerSecond { get; }

        public long Packets { get; }

        public double FirstSeenAgo { get; }

        public double Span { get; }

        public int CompareTo(Rank other)
        {
            int c = PacketsPerSecond.CompareTo(other.PacketsPerSecond);
            c = c != 0 ? c : Packets.CompareTo(other.Packets);
            c = c != 0 ? c : FirstSeenAgo.CompareTo(other.FirstSeenAgo);
            return c != 0 ? c : other._position.CompareTo(_position);
        }
    }

    /// <summary>The <c>top</c> greatest records offered: a heap whose root is the least kept.</summary>
    private sealed class TopRecords(int top)
    {
        private readonly PriorityQueue<(ClientRecord Record, int Limiter), Rank> _heap = new();

        public void Offer(in ClientRecord record, int limiter, Rank rank)
        {
            if (_heap.Count < top)
            {
                _heap.Enqueue((record, limiter), rank);
            }
            else if (_heap.TryPeek(out _, out Rank least) && rank.CompareTo(least) > 0)
            {
                _heap.DequeueEnqueue((record, limiter), rank);
            }
        }

        /// <summary>The records kept, greatest first, as observations.</summary>
        public List<ClientObservation> Best(IReadOnlyList<RateLimiter> limiters, uint t)
        {
            var best = new List<ClientObservation>(_heap.Count);
            while (_heap.TryDequeue(out var entry, out _))
            {
                best.Add(Observation(entry.Record, t, limiters[entry.Limiter].Options));
            }

            best.Reverse();
            return best;
        }
    }
}
