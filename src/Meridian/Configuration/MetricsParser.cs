using System.Net;

namespace Meridian.Configuration;

/// <summary>Parses <c>metrics ADDR:PORT [allow ADDR[/PREFIX] …]</c>; the port is required and never the NTP port.</summary>
public static class MetricsParser
{
    public static MetricsOptions Parse(ConfigLine line)
    {
        string text = line.Next("ADDR:PORT (for example 127.0.0.1:9123)");
        if (!ListenAddress.TryParse(text, out IPEndPoint endPoint) || !text.Contains(':') || text.EndsWith(']'))
        {
            throw line.Error($"'{text}' is not ADDR:PORT or [IPv6]:PORT (for example 127.0.0.1:9123)");
        }

        if (endPoint.Port == MeridianOptions.NtpPort)
        {
            throw line.Error("the metrics endpoint never shares the NTP port; use another, for example 9123");
        }

        var allow = new List<IPNetwork>();
        while (line.HasMore)
        {
            string keyword = line.Next("'allow'");
            string prefix = keyword == "allow" ? line.Next("an address or ADDR/PREFIX") : throw line.Error($"unknown 'metrics' option '{keyword}' (known: allow)");
            allow.Add(IPNetwork.TryParse(prefix.Contains('/') ? prefix : Host(prefix), out IPNetwork network)
                ? network
                : throw line.Error($"'{prefix}' is not an address or ADDR/PREFIX"));
        }

        return new MetricsOptions(endPoint, allow);
    }

    private static string Host(string address) =>
        IPAddress.TryParse(address, out IPAddress? ip) ? $"{ip}/{(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)}" : address;
}
