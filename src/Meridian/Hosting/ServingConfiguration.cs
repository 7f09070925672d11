using System.Net;
using System.Security.Cryptography;
using Meridian.Configuration;
using Meridian.Core.Access;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;
using Meridian.Net;

namespace Meridian.Hosting;

/// <summary>Maps <c>restrict</c>, <c>ratelimit</c> and <c>discard</c> onto each serving loop's policy.</summary>
public static class ServingConfiguration
{
    public static AccessList Access(MeridianOptions options) => new(options.Restrictions.SelectMany(Rules));

    /// <summary>
    /// <c>ratelimit</c> keys override the defaults; ntpd's <c>discard average A</c> sets the sustained
    /// spacing to 2^A seconds per request (with the configured burst).
    /// </summary>
    public static RateLimitOptions RateLimit(MeridianOptions options)
    {
        var limit = new RateLimitOptions();
        if (TuningValue.Last(options.Discard, "average") is double average)
        {
            limit = limit with { IntervalSeconds = Math.ScaleB(1, (int)average) * limit.Burst };
        }

        return limit with
        {
            IntervalSeconds = TuningValue.Last(options.RateLimit, "interval") ?? limit.IntervalSeconds,
            Burst = (int)(TuningValue.Last(options.RateLimit, "burst") ?? limit.Burst),
            Leak = (int)(TuningValue.Last(options.RateLimit, "leak") ?? limit.Leak),
            TableSize = (int)(TuningValue.Last(options.RateLimit, "table") ?? limit.TableSize),
            Prefix4 = (int)(TuningValue.Last(options.RateLimit, "prefix4") ?? limit.Prefix4),
            Prefix6 = (int)(TuningValue.Last(options.RateLimit, "prefix6") ?? limit.Prefix6),
            GlobalPps = TuningValue.Last(options.RateLimit, "global-pps") ?? limit.GlobalPps,
        };
    }

    /// <summary>
    /// A fresh policy per serving loop (each loop is the one writer of its table), with random hash
    /// keys. Workers share a listen address and see disjoint clients, so the table size is split
    /// among them; the global budget too. With <paramref name="nts"/>, each loop answers NTS requests with its own responder.
    /// </summary>
    public static Func<ServingPolicy> PolicyFactory(MeridianOptions options, int workers, NtsServing? nts = null)
    {
        AccessList access = Access(options);
        RateLimitOptions limit = PerWorker(options, workers);
        return () => new ServingPolicy(
            access,
            new RateLimiter(limit, RandomUInt64(), RandomUInt64()),
            limit.GlobalPps > 0 ? new GlobalBudget(limit.GlobalPps) : null,
            (uint)RandomUInt64(),
            nts?.Responder());
    }

    /// <summary>
    /// A reload: each loop's next policy from its current one, with the new access list and limits;
    /// the loop's client table is kept when its size and prefixes are unchanged.
    /// </summary>
    public static Func<ServingPolicy, ServingPolicy> Reconfigure(MeridianOptions options, int workers)
    {
        AccessList access = Access(options);
        RateLimitOptions limit = PerWorker(options, workers);
        return current => current.Reconfigured(access, limit, RandomUInt64(), RandomUInt64(), (uint)RandomUInt64());
    }

    /// <summary>Workers share a listen address and see disjoint clients: the table size and the global budget are split among them.</summary>
    private static RateLimitOptions PerWorker(MeridianOptions options, int workers)
    {
        RateLimitOptions limit = RateLimit(options);
        return limit with { TableSize = Math.Max(ClientTable.Ways, limit.TableSize / workers), GlobalPps = limit.GlobalPps / workers };
    }

    private static IEnumerable<AccessRule> Rules(RestrictOptions restrict)
    {
        AccessFlags flags = Flags(restrict.Flags);
        switch (restrict.Target)
        {
            case RestrictTarget.Default:
                if (restrict.Family != RestrictFamily.IPv6)
                {
                    yield return new AccessRule(SocketEndpoints.FromIPEndPoint(new IPEndPoint(IPAddress.Any, 0)), 0, flags);
                }

                if (restrict.Family != RestrictFamily.IPv4)
                {
                    yield return new AccessRule(SocketEndpoints.FromIPEndPoint(new IPEndPoint(IPAddress.IPv6Any, 0)), 0, flags);
                }

                break;
            case RestrictTarget.Network:
                yield return new AccessRule(SocketEndpoints.FromIPEndPoint(new IPEndPoint(restrict.Address!, 0)), restrict.PrefixLength, flags);
                break;
        }
    }

    private static AccessFlags Flags(RestrictFlags flags) =>
        (flags.HasFlag(RestrictFlags.Ignore) ? AccessFlags.Ignore : 0)
        | (flags.HasFlag(RestrictFlags.NoServe) ? AccessFlags.NoServe : 0)
        | (flags.HasFlag(RestrictFlags.Limited) ? AccessFlags.Limited : 0)
        | (flags.HasFlag(RestrictFlags.Kod) ? AccessFlags.Kod : 0);


    private static ulong RandomUInt64() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
}
