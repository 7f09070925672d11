using Meridian.Core.RateLimiting;

namespace Meridian.Control;

/// <summary>The rate limiter's client tables, summed over serving loops.</summary>
public sealed record ClientTableStats(long Tracked, long Capacity, long Evictions)
{
    /// <summary>Poll intervals and top-client shares; null in the history sampler's light reading.</summary>
    public ClientMix? Mix { get; init; }
}
