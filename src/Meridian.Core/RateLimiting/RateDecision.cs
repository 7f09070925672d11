namespace Meridian.Core.RateLimiting;

public enum RateDecision
{
    /// <summary>Within the limit (or let through by the random leak): answer.</summary>
    Allow,

    /// <summary>Over the limit: no answer.</summary>
    Drop,

    /// <summary>Over the limit, and a RATE kiss is due for this client.</summary>
    Kiss,
}
