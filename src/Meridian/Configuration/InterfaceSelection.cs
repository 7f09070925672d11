using System.Net;
using System.Net.Sockets;

namespace Meridian.Configuration;

/// <summary>One address of the host: its interface's name and the address.</summary>
public sealed record LocalAddress(string Interface, IPAddress Address);

/// <summary>
/// Turns ntpd's <c>interface</c> rules into Meridian's listen set (port 123). Each host address,
/// and each family's wildcard (0.0.0.0, ::), is decided by the last rule that matches it (no rule:
/// listen). A family whose wildcard is listened to and none of whose addresses is ignored or
/// dropped is served on the wildcard, as Meridian does by default (so addresses added later are
/// served too); otherwise each of its listened addresses is bound on its own. <c>drop</c> is taken
/// as <c>ignore</c>: ntpd opens such an address and discards what arrives, Meridian does not open
/// it, and a client sees the same silence.
/// </summary>
public static class InterfaceSelection
{
    public static IReadOnlyList<IPEndPoint> Resolve(IReadOnlyList<InterfaceRule> rules, IReadOnlyList<LocalAddress> addresses, List<string> notes)
    {
        var listen = new List<IPEndPoint>();
        foreach (AddressFamily family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
        {
            IPAddress wildcard = family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any;
            var own = addresses.Where(a => a.Address.AddressFamily == family).ToList();
            var chosen = own.Where(a => Decide(rules, a.Interface, a.Address, isWildcard: false) == InterfaceAction.Listen).ToList();
            bool wildcardListens = Decide(rules, null, wildcard, isWildcard: true) == InterfaceAction.Listen;
            if (wildcardListens && chosen.Count == own.Count && own.Count > 0)
            {
                listen.Add(new IPEndPoint(wildcard, MeridianOptions.NtpPort));
                continue;
            }

            if (wildcardListens && own.Count > 0 && rules.Any(r => r.Match == InterfaceMatch.Wildcard && r.Action == InterfaceAction.Listen))
            {
                notes.Add($"'interface listen wildcard' is not used for {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")}: it would also answer on the addresses the other rules ignore; each listened address is bound instead");
            }

            listen.AddRange(chosen.Select(a => new IPEndPoint(a.Address, MeridianOptions.NtpPort)));
        }

        return listen;
    }

    private static InterfaceAction Decide(IReadOnlyList<InterfaceRule> rules, string? name, IPAddress address, bool isWildcard)
    {
        InterfaceAction action = InterfaceAction.Listen;
        foreach (InterfaceRule rule in rules)
        {
            bool matches = rule.Match switch
            {
                InterfaceMatch.All => true,
                InterfaceMatch.IPv4 => address.AddressFamily == AddressFamily.InterNetwork,
                InterfaceMatch.IPv6 => address.AddressFamily == AddressFamily.InterNetworkV6,
                InterfaceMatch.Wildcard => isWildcard,
                InterfaceMatch.Name => !isWildcard && rule.Name == name,
                _ => !isWildcard && InPrefix(address, rule.Address!, rule.PrefixLength),
            };
            if (matches)
            {
                action = rule.Action == InterfaceAction.Drop ? InterfaceAction.Ignore : rule.Action;
            }
        }

        return action;
    }

    private static bool InPrefix(IPAddress address, IPAddress network, int prefixLength)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        byte[] a = address.GetAddressBytes();
        byte[] n = network.GetAddressBytes();
        for (int bit = 0; bit < prefixLength; bit++)
        {
            int mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
