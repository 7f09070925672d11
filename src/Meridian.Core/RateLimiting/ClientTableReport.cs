using Meridian.Core.Analysis;
using Meridian.Core.Sync;

namespace Meridian.Core.RateLimiting;

/// <summary>Turns the limiter's records into report observations, as of <c>now</c>.</summary>
public static class ClientTableReport
{
    public static IEnumerable<ClientObservation> Observe(RateLimiter limiter, MonotonicTime now)
    {
        uint t = ClientTable.Ticks(now);
        RateLimitOptions options = limiter.Options;
        return limiter.Table.Snapshot().Select(r => new ClientObservation(
            ClientKey.Format(r.Key, options.Prefix4, options.Prefix6),
            (t - r.FirstSeen) / (double)ClientTable.TicksPerSecond,
            (t - r.LastSeen) / (double)ClientTable.TicksPerSecond,
            r.Packets,
            r.Drops,
            r.Kods,
            r.MinGap == ClientRecord.NoGap ? null : r.MinGap * ClientRecord.GapUnitMs / 1000.0,
            r.Packets < 2 ? null : r.IntervalSixteenths / 16.0));
    }
}
