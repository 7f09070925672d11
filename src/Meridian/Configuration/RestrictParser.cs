using System.Net;
using System.Net.Sockets;

namespace Meridian.Configuration;

/// <summary>
/// <c>restrict [-4|-6] default|source|ADDRESS[/PREFIX] [mask MASK] [flags]</c> as in ntpd: an
/// address without a mask means that single host.
/// </summary>
public static class RestrictParser
{
    private static readonly Dictionary<string, RestrictFlags> FlagNames = new(StringComparer.Ordinal)
    {
        ["ignore"] = RestrictFlags.Ignore,
        ["noserve"] = RestrictFlags.NoServe,
        ["limited"] = RestrictFlags.Limited,
        ["kod"] = RestrictFlags.Kod,
        ["noquery"] = RestrictFlags.NoQuery,
        ["nomodify"] = RestrictFlags.NoModify,
        ["notrap"] = RestrictFlags.NoTrap,
        ["nopeer"] = RestrictFlags.NoPeer,
        ["notrust"] = RestrictFlags.NoTrust,
        ["nomrulist"] = RestrictFlags.NoMruList,
        ["noepeer"] = RestrictFlags.NoEpeer,
        ["ntpport"] = RestrictFlags.NtpPort,
        ["version"] = RestrictFlags.Version,
        ["lowpriotrap"] = RestrictFlags.LowPrioTrap,
    };

    public static IReadOnlyDictionary<string, RestrictFlags> Flags => FlagNames;

    public static RestrictOptions Parse(ConfigLine line) => Parse(line, []);

    /// <param name="warnings">Gets <c>FILE:LINE: text</c> for a line that parses but does not do what it seems to.</param>
    public static RestrictOptions Parse(ConfigLine line, List<string> warnings)
    {
        var restrict = new RestrictOptions();
        string target = line.Next("an address, 'default' or 'source'");
        if (target is "-4" or "-6")
        {
            restrict.Family = target == "-4" ? RestrictFamily.IPv4 : RestrictFamily.IPv6;
            target = line.Next("an address, 'default' or 'source'");
        }

        switch (target)
        {
            case "default": restrict.Target = RestrictTarget.Default; break;
            case "source": restrict.Target = RestrictTarget.Source; break;
            default: ParseNetwork(line, target, restrict); break;
        }

        while (line.HasMore)
        {
            string flag = line.Next("a flag");
            restrict.Flags |= FlagNames.TryGetValue(flag, out RestrictFlags value)
                ? value
                : throw line.Error($"unknown restrict flag '{flag}'");
        }

        if (restrict.Flags.HasFlag(RestrictFlags.Kod) && !restrict.Flags.HasFlag(RestrictFlags.Limited) && restrict.Target != RestrictTarget.Source)
        {
            warnings.Add(line.Warning("'kod' without 'limited' sends no kiss: RATE kisses go only to clients over the limit of a 'limited' rule, and this rule limits nothing"));
        }

        return restrict;
    }

    private static void ParseNetwork(ConfigLine line, string text, RestrictOptions restrict)
    {
        string[] parts = text.Split('/', 2);
        if (!IpAddressText.TryParse(parts[0], out IPAddress address))
        {
            throw line.Error($"'{text}' is not an IP address (restrict takes addresses, not host names)");
        }

        int bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        bool mapped = address.IsIPv4MappedToIPv6;
        RestrictFamily family = bits == 32 ? RestrictFamily.IPv4 : RestrictFamily.IPv6;
        if (restrict.Family != RestrictFamily.Any && restrict.Family != family)
        {
            throw line.Error($"'{text}' is not an {(restrict.Family == RestrictFamily.IPv4 ? "IPv4" : "IPv6")} address");
        }

        int prefix = bits;
        if (parts.Length == 2 && (!int.TryParse(parts[1], out prefix) || prefix < 0 || prefix > bits))
        {
            throw line.Error($"'{parts[1]}' is not a prefix length from 0 to {bits}");
        }

        if (line.Peek() == "mask")
        {
            line.Next("mask");
            prefix = ParseMask(line, line.Next("a mask"), address.AddressFamily);
        }

        if (!HostBitsClear(address, prefix))
        {
            throw line.Error($"'{address}' has bits set beyond its /{prefix} prefix");
        }

        if (mapped)
        {
            // ::ffff:a.b.c.d/len is the IPv4 network a.b.c.d/(len - 96): v4-mapped sources are IPv4
            // clients. (A prefix under 96 has the ffff bits beyond it, refused just above.)
            (address, prefix, family) = (address.MapToIPv4(), prefix - 96, RestrictFamily.IPv4);
        }

        restrict.Target = RestrictTarget.Network;
        restrict.Family = family;
        restrict.Address = address;
        restrict.PrefixLength = prefix;
    }

    private static int ParseMask(ConfigLine line, string text, AddressFamily family)
    {
        if (!IpAddressText.TryParse(text, out IPAddress mask) || mask.AddressFamily != family)
        {
            throw line.Error($"'{text}' is not a mask of the address's family");
        }

        byte[] bytes = mask.GetAddressBytes();
        int prefix = bytes.Sum(b => System.Numerics.BitOperations.PopCount(b));
        if (!HostBitsClear(mask, prefix) || !Enumerable.Range(0, prefix).All(i => (bytes[i / 8] & (0x80 >> (i % 8))) != 0))
        {
            throw line.Error($"mask '{text}' is not contiguous");
        }

        return prefix;
    }

    private static bool HostBitsClear(IPAddress address, int prefix)
    {
        byte[] bytes = address.GetAddressBytes();
        for (int i = prefix; i < bytes.Length * 8; i++)
        {
            if ((bytes[i / 8] & (0x80 >> (i % 8))) != 0)
            {
                return false;
            }
        }

        return true;
    }
}
