using Meridian.Core.Time;

namespace Meridian.Core.RateLimiting;

/// <summary>
/// The global egress budget (P7): at most this many responses per second from one serving loop,
/// as a token bucket holding one second's worth (at least one response) for any client. When the
/// budget binds, the clients the table saw polling regularly before the flood began come first: the
/// bucket holds a reserve of a quarter second's worth more, which only they may spend, and other
/// traffic may spend the refill only while the reserve is whole; so a flood of new or irregular
/// sources takes what the established clients leave, and the sustained rate stays the budget. The flood is
/// taken to have begun at the first refusal after <see cref="QuietSeconds"/> without one, so a
/// flood in pulses cannot make its own sources established. One writer: its serving loop.
/// </summary>
public sealed class GlobalBudget(double responsesPerSecond)
{
    /// <summary>Seconds without a refusal after which the next refusal starts a new flood.</summary>
    public const double QuietSeconds = 600;

    /// <summary>The reserve only established clients may spend, in seconds of the budget.</summary>
    public const double ReserveSeconds = 0.25;

    private readonly double _rate = responsesPerSecond;
    private readonly double _reserve = Math.Max(1, responsesPerSecond) * ReserveSeconds;
    private readonly double _capacity = Math.Max(1, responsesPerSecond) * (1 + ReserveSeconds);
    private double _tokens = Math.Max(1, responsesPerSecond) * (1 + ReserveSeconds);
    private MonotonicTime? _last;
    private MonotonicTime? _lastRefusal;
    private MonotonicTime _floodSince;

    /// <summary>Takes one response from the budget for a client the table knows nothing useful about.</summary>
    public bool TryTake(MonotonicTime now) => TryTake(now, ClientStanding.Unknown);

    /// <summary>Takes one response from the budget; the reserve is open to clients established before the flood.</summary>
    public bool TryTake(MonotonicTime now, in ClientStanding client)
    {
        if (_last is MonotonicTime last)
        {
            _tokens = Math.Min(_capacity, _tokens + _rate * Math.Max(0, now.SecondsSince(last)));
        }

        _last = now;
        double floor = IsEstablished(client, now) ? 0 : _reserve;
        if (_tokens - floor < 1)
        {
            if (_lastRefusal is not MonotonicTime refused || now.SecondsSince(refused) > QuietSeconds)
            {
                _floodSince = now;
            }

            _lastRefusal = now;
            return false;
        }

        _tokens--;
        return true;
    }

    /// <summary>A regular poller, known to the table since before the current flood (if any) began.</summary>
    private bool IsEstablished(in ClientStanding client, MonotonicTime now) =>
        client.PollsRegularly
        && (_lastRefusal is not MonotonicTime refused
            || now.SecondsSince(refused) > QuietSeconds
            || client.KnownForSeconds > now.SecondsSince(_floodSince));
}
