using System.Net.NetworkInformation;
using Meridian.Configuration;

namespace Meridian.Hosting;

/// <summary>The host's unicast addresses on interfaces that are up (loopback included), for the <c>interface</c> rules.</summary>
public static class LocalInterfaces
{
    public static IReadOnlyList<LocalAddress> Read() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses.Select(u => new LocalAddress(i.Name, u.Address)))
            .ToList();
}
