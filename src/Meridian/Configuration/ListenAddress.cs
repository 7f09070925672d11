using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Meridian.Configuration;

/// <summary><c>ADDR</c>, <c>ADDR:PORT</c> or <c>[IPv6]:PORT</c>; the port defaults to 123 (0 picks a free one).</summary>
public static class ListenAddress
{
    public static bool TryParse(string text, out IPEndPoint endPoint)
    {
        endPoint = null!;
        // IPAddress.TryParse would also take "[::1]:123" and drop the port: brackets are handled here.
        bool bracketed = text.StartsWith('[') && text.EndsWith(']');
        string bareText = bracketed ? text[1..^1] : text;
        if ((bracketed || !text.Contains('[')) && IpAddressText.TryParse(bareText, out IPAddress bare)
            && (!bracketed || bare.AddressFamily == AddressFamily.InterNetworkV6))
        {
            endPoint = new IPEndPoint(bare, MeridianOptions.NtpPort);
            return true;
        }

        int colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        string host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':'))
        {
            return false;
        }

        if (!IpAddressText.TryParse(host, out IPAddress address) ||
            !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }

    public static string Format(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{endPoint.Address}]:{endPoint.Port}"
            : $"{endPoint.Address}:{endPoint.Port}";
}
