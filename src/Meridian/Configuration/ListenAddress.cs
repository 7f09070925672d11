using System.Globalization;
using System.Net;

namespace Meridian.Configuration;

/// <summary><c>ADDR</c>, <c>ADDR:PORT</c> or <c>[IPv6]:PORT</c>; the port defaults to 123 (0 picks a free one).</summary>
public static class ListenAddress
{
    public static bool TryParse(string text, out IPEndPoint endPoint)
    {
        endPoint = null!;
        if (IPAddress.TryParse(text, out IPAddress? bare) && !text.StartsWith('['))
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

        if (!IPAddress.TryParse(host, out IPAddress? address) ||
            !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }

    public static string Format(IPEndPoint endPoint) =>
        endPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{endPoint.Address}]:{endPoint.Port}"
            : $"{endPoint.Address}:{endPoint.Port}";
}
