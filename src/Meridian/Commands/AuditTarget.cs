using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Meridian.Commands;

/// <summary><c>HOST</c>, <c>HOST:PORT</c>, <c>IPv6</c> or <c>[IPv6]:PORT</c>; the port defaults to 123.</summary>
public sealed record AuditTarget(string Host, int Port)
{
    public const int NtpPort = 123;

    public static bool TryParse(string text, out AuditTarget target)
    {
        target = null!;
        (string host, string? port) = Split(text.Trim());
        if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            return false;
        }

        int number = NtpPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            return false;
        }

        target = new AuditTarget(host, number);
        return true;
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    private static (string Host, string? Port) Split(string text)
    {
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']');
            if (close < 0 || !IPAddress.TryParse(text[1..close], out IPAddress? address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return ("", null);
            }

            string rest = text[(close + 1)..];
            return rest.Length == 0 ? (text[1..close], null)
                : rest.StartsWith(':') ? (text[1..close], rest[1..])
                : ("", null);
        }

        int colon = text.IndexOf(':');
        if (colon < 0 || text.IndexOf(':', colon + 1) >= 0)
        {
            return (text, null); // a name, an IPv4 address, or a bare IPv6 address
        }

        return (text[..colon], text[(colon + 1)..]);
    }
}
