using Meridian.Core.Access;
using Meridian.Core.RateLimiting;

namespace Meridian.Core.Serving;

/// <summary>
/// Who is answered and how often, for one serving loop: the access list (P5), the per-client rate
/// limiter (P7, for clients whose rule says <c>limited</c>) and the optional global budget; and
/// NTS (RFC 8915) when <paramref name="nts"/> is given — without it, NTS fields are dropped (P8).
/// </summary>
public sealed class ServingPolicy(AccessList access, RateLimiter? limiter, GlobalBudget? budget, uint randomSeed, NtsResponder? nts = null)
{
    private uint _random = randomSeed | 1;

    /// <summary>Everyone answered, no limit: a new instance each time, as each loop owns its policy (and its random state).</summary>
    public static ServingPolicy Open() => new(AccessList.Unrestricted, null, null, 1);

    public AccessList Access => access;

    public RateLimiter? Limiter => limiter;

    public GlobalBudget? Budget => budget;

    /// <summary>The loop's NTS branch, or null while NTS is off.</summary>
    public NtsResponder? Nts => nts;

    /// <summary>
    /// This loop's policy after a reload: the new access list and limits. The client table (with
    /// its clients' state) is kept when <see cref="RateLimiter.KeepsTable"/> says so, and the global
    /// budget when its rate is unchanged; otherwise they start anew with the given hash keys. The NTS
    /// branch (with the loop's key ring) is kept as it is.
    /// </summary>
    public ServingPolicy Reconfigured(AccessList nextAccess, RateLimitOptions limit, ulong hashKey0, ulong hashKey1, uint nextSeed)
    {
        RateLimiter nextLimiter = limiter?.Reconfigured(limit, hashKey0, hashKey1) ?? new RateLimiter(limit, hashKey0, hashKey1);
        GlobalBudget? nextBudget = limit.GlobalPps <= 0 ? null
            : budget is not null && limiter?.Options.GlobalPps == limit.GlobalPps ? budget
            : new GlobalBudget(limit.GlobalPps);
        return new ServingPolicy(nextAccess, nextLimiter, nextBudget, nextSeed, nts);
    }

    /// <summary>xorshift32: cheap randomness for the leak, seeded by the edge.</summary>
    public uint NextRandom()
    {
        uint x = _random;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        return _random = x;
    }
}
