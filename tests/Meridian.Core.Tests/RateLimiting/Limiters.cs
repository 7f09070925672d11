using Meridian.Core.RateLimiting;
using Meridian.Core.Time;

namespace Meridian.Core.Tests.RateLimiting;

/// <summary>Rate limiters with the policy's numbers (interval 50 s, burst 10, no leak unless stated) and virtual time.</summary>
internal static class Limiters
{
    public const ulong HashKey0 = 0x5EED_0000_C0FF_EE01;
    public const ulong HashKey1 = 0x0BAD_F00D_1234_5677;

    /// <summary>A random value that never leaks (its low 31 bits are not all zero).</summary>
    public const uint NoLeak = 0xFFFF_FFFF;

    public static RateLimiter Create(int leak = 0, double intervalSeconds = 50, int burst = 10, int tableSize = 1024) =>
        new(new RateLimitOptions(intervalSeconds, burst, leak, tableSize), HashKey0, HashKey1);

    public static MonotonicTime At(double seconds) => MonotonicTime.Zero.AddSeconds(seconds);

    /// <summary>Sends <paramref name="requests"/> back-to-back requests at one instant and counts the ones allowed.</summary>
    public static int CountAllowed(RateLimiter limiter, NetEndpoint source, MonotonicTime now, int requests)
    {
        int allowed = 0;
        for (int i = 0; i < requests; i++)
        {
            if (limiter.Decide(source, now, kissAllowed: false, NoLeak) == RateDecision.Allow)
            {
                allowed++;
            }
        }

        return allowed;
    }

    /// <summary>The table's only record (the tests that read statistics use one client).</summary>
    public static ClientRecord OnlyRecord(RateLimiter limiter) => Assert.Single(limiter.Table.Snapshot());
}
