using System.Net;
using System.Net.Sockets;

namespace Meridian.Configuration;

/// <summary>
/// Parses an IP address as operators write it: a dotted quad or an IPv6 address. Unlike
/// <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>, short IPv4 forms such as "123" or
/// "10.1" are not addresses.
/// </summary>
public static class IpAddressText
{
    public static bool TryParse(string text, out IPAddress address)
    {
        if (IPAddress.TryParse(text, out IPAddress? parsed) &&
            (parsed.AddressFamily == AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3))
        {
            address = parsed;
            return true;
        }

        address = IPAddress.None;
        return false;
    }
}
