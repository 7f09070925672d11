using System.Net;

namespace Meridian.Configuration;

public enum InterfaceAction
{
    Listen,
    Ignore,

    /// <summary>ntpd opens the address and drops what arrives; Meridian does not open it (the same for clients: no answer).</summary>
    Drop,
}

public enum InterfaceMatch
{
    All,
    IPv4,
    IPv6,
    Wildcard,
    Name,
    Network,
}

/// <summary>
/// ntpd's <c>interface listen|ignore|drop all|ipv4|ipv6|wildcard|NAME|ADDR[/PREFIX]</c> (<c>nic</c> is
/// the same): the last rule that matches an address decides.
/// </summary>
public sealed record InterfaceRule(InterfaceAction Action, InterfaceMatch Match, string? Name = null, IPAddress? Address = null, int PrefixLength = 0)
{
    public override string ToString()
    {
        string action = Action.ToString().ToLowerInvariant();
        string target = Match switch
        {
            InterfaceMatch.Name => Name!,
            InterfaceMatch.Network => $"{Address}/{PrefixLength}",
            _ => Match.ToString().ToLowerInvariant(),
        };
        return $"interface {action} {target}";
    }
}
