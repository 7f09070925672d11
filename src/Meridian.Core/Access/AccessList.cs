namespace Meridian.Core.Access;

/// <summary>
/// restrict semantics: the most specific matching rule wins; IPv4 and IPv6 rules are separate
/// (a v4-mapped IPv6 source is IPv4); an address no rule matches is unrestricted. Lookup probes
/// only the prefix lengths that have rules, longest first — O(prefix length) — without allocating.
/// </summary>
public sealed class AccessList
{
    private readonly Family _ipv4;
    private readonly Family _ipv6;

    public AccessList(IEnumerable<AccessRule> rules)
    {
        var list = rules.ToList();
        _ipv4 = new Family(list.Where(r => r.Network.IsIPv4).Select(r => r with { PrefixLength = 96 + r.PrefixLength }));
        _ipv6 = new Family(list.Where(r => !r.Network.IsIPv4));
    }

    public static AccessList Unrestricted { get; } = new([]);

    public AccessFlags Lookup(in NetEndpoint source) => (source.IsIPv4 ? _ipv4 : _ipv6).Lookup(source);

    /// <summary>The rules of one family, by prefix length in the 128-bit (v4-mapped) address space.</summary>
    private sealed class Family
    {
        private readonly Dictionary<(ulong High, ulong Low, int Length), AccessFlags> _rules = [];
        private readonly int[] _lengths;

        public Family(IEnumerable<AccessRule> rules)
        {
            foreach (AccessRule rule in rules)
            {
                (ulong high, ulong low) = Mask(rule.Network.High, rule.Network.Low, rule.PrefixLength);
                _rules[(high, low, rule.PrefixLength)] = rule.Flags;
            }

            _lengths = _rules.Keys.Select(k => k.Length).Distinct().OrderDescending().ToArray();
        }

        public AccessFlags Lookup(in NetEndpoint source)
        {
            foreach (int length in _lengths)
            {
                (ulong high, ulong low) = Mask(source.High, source.Low, length);
                if (_rules.TryGetValue((high, low, length), out AccessFlags flags))
                {
                    return flags;
                }
            }

            return AccessFlags.None;
        }

        private static (ulong High, ulong Low) Mask(ulong high, ulong low, int length) => length switch
        {
            0 => (0, 0),
            < 64 => (high & (ulong.MaxValue << (64 - length)), 0),
            64 => (high, 0),
            < 128 => (high, low & (ulong.MaxValue << (128 - length))),
            _ => (high, low),
        };
    }
}
