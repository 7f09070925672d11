using Meridian.Core.Sync;

namespace Meridian.Core.RateLimiting;

/// <summary>
/// The global egress budget (P7): at most this many responses per second from one serving loop,
/// as a token bucket holding one second's worth (at least one response). One writer: its serving loop.
/// </summary>
public sealed class GlobalBudget(double responsesPerSecond)
{
    private readonly double _rate = responsesPerSecond;
    private readonly double _capacity = Math.Max(1, responsesPerSecond);
    private double _tokens = Math.Max(1, responsesPerSecond);
    private MonotonicTime? _last;

    public bool TryTake(MonotonicTime now)
    {
        if (_last is MonotonicTime last)
        {
            _tokens = Math.Min(_capacity, _tokens + _rate * Math.Max(0, now.SecondsSince(last)));
        }

        _last = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens--;
        return true;
    }
}
