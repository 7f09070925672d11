using BenchmarkDotNet.Attributes;
using Meridian.Core;
using Meridian.Core.Access;
using Meridian.Core.RateLimiting;
using Meridian.Core.Time;

namespace Meridian.Benchmarks;

/// <summary>
/// One rate-limit decision: a returning client (table hit), a stream of new clients over a
/// 16-million-client table (misses and evictions), and one access-list lookup.
/// </summary>
[MemoryDiagnoser]
public class RateLimiterBenchmarks
{
    private const int Clients = 1 << 24;

    private RateLimiter _limiter = null!;
    private AccessList _access = null!;
    private uint _next;
    private long _nanoseconds = 1_000_000_000_000;

    [GlobalSetup]
    public void Setup()
    {
        _limiter = new RateLimiter(new RateLimitOptions(TableSize: Clients), 0x9E37_79B9_7F4A_7C15, 0xD6E8_FEB8_6659_FD93);
        _access = new AccessList(
        [
            new AccessRule(NetEndpoint.FromIPv4(0, 0), 0, AccessFlags.Limited | AccessFlags.Kod),
            new AccessRule(NetEndpoint.FromIPv4(0xC0000200, 0), 24, AccessFlags.NoServe),
            new AccessRule(NetEndpoint.FromIPv4(0x7F000001, 0), 32, AccessFlags.None),
        ]);
    }

    /// <summary>A different pseudo-random IPv4 source each call, computed in registers (no array to miss in cache).</summary>
    private NetEndpoint NextSource() => NetEndpoint.FromIPv4(++_next * 2654435761u, 40000);

    [Benchmark(Baseline = true)]
    public RateDecision ReturningClient()
    {
        _nanoseconds += 5_000_000_000;
        return _limiter.Decide(NetEndpoint.FromIPv4(0xC6336401, 40000), new MonotonicTime(_nanoseconds), true, 12345);
    }

    [Benchmark]
    public RateDecision NewClientsOver16MillionSlots()
    {
        _nanoseconds += 1_000;
        return _limiter.Decide(NextSource(), new MonotonicTime(_nanoseconds), true, _next);
    }

    [Benchmark]
    public AccessFlags AccessLookup() => _access.Lookup(NextSource());
}
