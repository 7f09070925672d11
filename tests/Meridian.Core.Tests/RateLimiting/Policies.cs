using Meridian.Core.Access;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;
using Meridian.Core.Tests.Access;

namespace Meridian.Core.Tests.RateLimiting;

/// <summary>Serving policies for the serving-path tests: defaults for IPv4 and IPv6, more specific rules, a limiter.</summary>
internal static class Policies
{
    public static ServingPolicy Create(AccessFlags defaults, int leak = 0, GlobalBudget? budget = null, int tableSize = 1024, params AccessRule[] rules) =>
        new(
            new AccessList([Addresses.Rule("0.0.0.0/0", defaults), Addresses.Rule("::/0", defaults), .. rules]),
            Limiters.Create(leak: leak, tableSize: tableSize),
            budget,
            randomSeed: 0x5EED);
}
