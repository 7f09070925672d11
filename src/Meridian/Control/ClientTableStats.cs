namespace Meridian.Control;

/// <summary>The rate limiter's client tables, summed over serving loops.</summary>
public sealed record ClientTableStats(long Tracked, long Capacity, long Evictions);
