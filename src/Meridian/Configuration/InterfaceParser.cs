using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Meridian.Configuration;

/// <summary><c>interface listen|ignore|drop all|ipv4|ipv6|wildcard|NAME|ADDR[/PREFIX]</c>, and <c>nic</c> (the same).</summary>
public static class InterfaceParser
{
    public static InterfaceRule Parse(ConfigLine line)
    {
        string actionText = line.Next("'listen', 'ignore' or 'drop'");
        InterfaceAction action = actionText switch
        {
            "listen" => InterfaceAction.Listen,
            "ignore" => InterfaceAction.Ignore,
            "drop" => InterfaceAction.Drop,
            _ => throw line.Error($"'{line.Directive}' needs 'listen', 'ignore' or 'drop', not '{actionText}'"),
        };
        string target = line.Next("'all', 'ipv4', 'ipv6', 'wildcard', an interface name or ADDR[/PREFIX]");
        line.EndOfLine();
        return target switch
        {
            "all" => new InterfaceRule(action, InterfaceMatch.All),
            "ipv4" => new InterfaceRule(action, InterfaceMatch.IPv4),
            "ipv6" => new InterfaceRule(action, InterfaceMatch.IPv6),
            "wildcard" => new InterfaceRule(action, InterfaceMatch.Wildcard),
            _ => Network(line, action, target) ?? NamedInterface(line, action, target),
        };
    }

    private static InterfaceRule? Network(ConfigLine line, InterfaceAction action, string target)
    {
        string[] parts = target.Split('/', 2);
        if (!IpAddressText.TryParse(parts[0], out IPAddress address))
        {
            return null;
        }

        int maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        int prefix = maxPrefix;
        if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix))
        {
            throw line.Error($"'{target}': the prefix length must be an integer from 0 to {maxPrefix}");
        }

        return new InterfaceRule(action, InterfaceMatch.Network, Address: address, PrefixLength: prefix);
    }

    /// <summary>A Linux interface name: at most 15 characters, no '/', no spaces.</summary>
    private static InterfaceRule NamedInterface(ConfigLine line, InterfaceAction action, string target) =>
        target.Length <= 15 && char.IsAsciiLetter(target[0]) && target.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' or ':') && !target.Contains('/')
            ? new InterfaceRule(action, InterfaceMatch.Name, Name: target)
            : throw line.Error($"'{target}' is not 'all', 'ipv4', 'ipv6', 'wildcard', an interface name or ADDR[/PREFIX]");
}
