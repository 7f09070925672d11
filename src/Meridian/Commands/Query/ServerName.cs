using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Meridian.Configuration;

namespace Meridian.Commands.Query;

/// <summary>
/// A server as an operator names it on the command line: <c>HOST</c>, <c>HOST:PORT</c>,
/// <c>IPv4[:PORT]</c>, <c>[IPv6][:PORT]</c> or a bare IPv6 address; the port defaults to 123.
/// </summary>
public sealed record ServerName(string Host, int Port)
{
    public static bool TryParse(string text, out ServerName name)
    {
        name = null!;
        string host = text;
        string? port = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']');
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                return false;
            }

            host = text[1..close];
            port = close + 1 < text.Length ? text[(close + 2)..] : null;
            if (!IPAddress.TryParse(host, out IPAddress? v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            int colon = text.IndexOf(':');
            (host, port) = (text[..colon], text[(colon + 1)..]);
        }

        int number = MeridianOptions.NtpPort;
        if (!IsHost(host) || (port is not null && !TryParsePort(port, out number)))
        {
            return false;
        }

        name = new ServerName(host, number);
        return true;
    }

    /// <summary>Every address of the host (the literal itself for an IP address), in the resolver's order.</summary>
    public IReadOnlyList<IPEndPoint> Resolve()
    {
        IPAddress[] addresses = IpAddressText.TryParse(Host, out IPAddress literal) ? [literal] : Dns.GetHostAddresses(Host);
        return addresses.Distinct().Select(a => new IPEndPoint(a, Port)).ToList();
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    private static bool IsHost(string host) =>
        host.Length is > 0 and <= 253
        && (IpAddressText.TryParse(host, out _)
            || (host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_') && !host.All(c => char.IsAsciiDigit(c) || c == '.')));

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;
}
