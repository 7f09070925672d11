using Meridian.Core.RateLimiting;
using Meridian.Core.Tests.Access;

namespace Meridian.Core.Tests.RateLimiting;

/// <summary>
/// Serving policy P7, "a full table must not fail open": which record a new client takes the way of,
/// in a table of one 4-way bucket (policy numbers: interval 50 s, burst 10, so 5 s per request).
/// </summary>
public class ClientTableEvictionTests
{
    private static readonly NetEndpoint Abuser = Addresses.Parse("203.0.113.66");
    private static readonly NetEndpoint Poller = Addresses.Parse("198.51.100.7");

    [Fact]
    public void KeepsAClientOverItsLimit_AgainstANewClient_ThoughItWasSeenLongest()
    {
        RateLimiter limiter = Limiters.Create(tableSize: 4);
        Assert.Equal(10, Limiters.CountAllowed(limiter, Abuser, Limiters.At(100), 30));
        Spoof(limiter, first: 1, count: 3, at: 101);

        Spoof(limiter, first: 100, count: 50, at: 102);

        Assert.Contains(Key(Abuser), Keys(limiter));
        Assert.Equal(0, Limiters.CountAllowed(limiter, Abuser, Limiters.At(103), 10));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void KeepsAClientOverItsLimit_UnderNewSourcesEveryMillisecond_ForAMinute(int perMillisecond)
    {
        int quiet = SendEverySecondForAMinute(Limiters.Create(tableSize: 4), 0);
        RateLimiter limiter = Limiters.Create(tableSize: 4);

        int flooded = SendEverySecondForAMinute(limiter, perMillisecond);

        // The burst of 10 (12 at one per second), then one request per 5 s: as without the flood.
        Assert.Equal(21, quiet);
        Assert.Equal(quiet, flooded);
        Assert.True(limiter.Table.Overflows + limiter.Table.Evictions > 59_000 * perMillisecond, $"{limiter.Table.Evictions} evictions, {limiter.Table.Overflows} overflows");
    }

    [Fact]
    public void HoldsTheClientsThatOverflowTheirBucket_ToOneClientsAllowanceTogether()
    {
        RateLimiter limiter = Limiters.Create(tableSize: 4);
        int answered = 0;
        uint spoofed = 1;
        for (int ms = 0; ms < 60_000; ms++)
        {
            answered += limiter.Decide(NetEndpoint.FromIPv4(0x0A00_0000 + spoofed++, 40000), Limiters.At(100 + (ms / 1000.0)), false, Limiters.NoLeak) == RateDecision.Allow ? 1 : 0;
        }

        // One bucket: the four that took its ways, then as one client over 60 s (burst 10, one per 5 s)
        // for the new sources that found every way young and owing, and one more each time a way ages past 1 s.
        Assert.InRange(answered, 4 + 10 + 11, 4 + 10 + 11 + (4 * 60));
        Assert.True(limiter.Table.Overflows > 59_000, $"{limiter.Table.Overflows} overflows");
    }

    [Fact]
    public void KeepsAClientPollingRegularly_AgainstOneOffSources()
    {
        RateLimiter limiter = Limiters.Create(tableSize: 4);
        for (int poll = 0; poll < 5; poll++)
        {
            limiter.Decide(Poller, Limiters.At(100 + (poll * 64)), false, Limiters.NoLeak);
        }

        // 60 s after its last poll, every other way was taken more recently, and a new client arrives.
        Spoof(limiter, first: 1, count: 3, at: 100 + (4 * 64) + 59);
        Spoof(limiter, first: 100, count: 20, at: 100 + (4 * 64) + 60);

        Assert.Contains(Key(Poller), Keys(limiter));
    }

    [Fact]
    public void EvictsAClientThatStoppedPolling_LikeAnyOther()
    {
        RateLimiter limiter = Limiters.Create(tableSize: 4);
        for (int poll = 0; poll < 5; poll++)
        {
            limiter.Decide(Poller, Limiters.At(100 + (poll * 64)), false, Limiters.NoLeak);
        }

        // Silent for more than three of its intervals: no longer on its schedule.
        Spoof(limiter, first: 1, count: 3, at: 100 + (4 * 64) + 400);
        Spoof(limiter, first: 100, count: 1, at: 100 + (4 * 64) + 401);

        Assert.DoesNotContain(Key(Poller), Keys(limiter));
    }

    [Fact]
    public void EvictsARecordThatOwesNothing_BeforeOneThatOwesPartOfItsBurst()
    {
        RateLimiter limiter = Limiters.Create(tableSize: 4);
        var owing = Addresses.Parse("192.0.2.10");
        Spoof(limiter, first: 1, count: 1, at: 100);
        Assert.Equal(3, Limiters.CountAllowed(limiter, owing, Limiters.At(190), 3));
        Spoof(limiter, first: 2, count: 2, at: 195);

        // At 200 s the record from 100 s owes nothing, the one from 190 s still owes 5 s.
        Spoof(limiter, first: 100, count: 1, at: 200);

        Assert.DoesNotContain(Key(NetEndpoint.FromIPv4(0x0A00_0001, 40000)), Keys(limiter));
        Assert.Contains(Key(owing), Keys(limiter));
    }

    [Fact]
    public void EvictsTheRecordOwingLeast_AmongOnesThatOwe()
    {
        RateLimiter limiter = Limiters.Create(tableSize: 4);
        var heavier = Addresses.Parse("192.0.2.10");
        Assert.Equal(5, Limiters.CountAllowed(limiter, heavier, Limiters.At(100), 5));
        Spoof(limiter, first: 1, count: 3, at: 101);

        Spoof(limiter, first: 100, count: 3, at: 102);

        Assert.Contains(Key(heavier), Keys(limiter));
    }

    private static int SendEverySecondForAMinute(RateLimiter limiter, int floodPerMillisecond)
    {
        int answered = 0;
        uint spoofed = 1;
        for (int second = 0; second < 60; second++)
        {
            answered += Limiters.CountAllowed(limiter, Abuser, Limiters.At(100 + second), 1);
            for (int ms = 1; ms < 1000; ms++)
            {
                for (int i = 0; i < floodPerMillisecond; i++)
                {
                    limiter.Decide(NetEndpoint.FromIPv4(0x0A00_0000 + spoofed++, 40000), Limiters.At(100 + second + (ms / 1000.0)), false, Limiters.NoLeak);
                }
            }
        }

        return answered;
    }

    private static void Spoof(RateLimiter limiter, uint first, int count, double at)
    {
        for (uint i = first; i < first + count; i++)
        {
            limiter.Decide(NetEndpoint.FromIPv4(0x0A00_0000 + i, 40000), Limiters.At(at), false, Limiters.NoLeak);
        }
    }

    private static ulong Key(NetEndpoint source) => ClientKey.Of(source, 32, 64);

    private static ulong[] Keys(RateLimiter limiter) => [.. limiter.Table.Snapshot().Select(r => r.Key)];
}
