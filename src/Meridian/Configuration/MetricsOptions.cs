using System.Net;

namespace Meridian.Configuration;

/// <summary>
/// <c>metrics ADDR:PORT [allow ADDR[/PREFIX] …]</c>: the HTTP endpoint for /metrics and the dashboard.
/// Loopback clients are always allowed; others only when an <c>allow</c> prefix holds them.
/// </summary>
public sealed record MetricsOptions(IPEndPoint EndPoint, IReadOnlyList<IPNetwork> Allow)
{
    public bool Allows(IPAddress client)
    {
        IPAddress address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        return IPAddress.IsLoopback(address) || Allow.Any(n => n.Contains(address));
    }
}
