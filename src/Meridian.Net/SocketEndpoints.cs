using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Meridian.Core;

namespace Meridian.Net;

/// <summary>Conversions between the runtime's socket addresses and <see cref="NetEndpoint"/>.</summary>
public static class SocketEndpoints
{
    /// <summary>Reads a native sockaddr_in / sockaddr_in6 without allocation.</summary>
    public static bool TryRead(SocketAddress address, out NetEndpoint endpoint)
    {
        bool known = address.Family switch
        {
            AddressFamily.InterNetwork => address.Size >= 8,
            AddressFamily.InterNetworkV6 => address.Size >= 24,
            _ => false,
        };
        endpoint = known ? ReadNative(address.Buffer.Span, address.Family == AddressFamily.InterNetworkV6) : default;
        return known;
    }

    /// <summary>The port (bytes 2–3) and address (bytes 4–7, or 8–23 for IPv6) of a native sockaddr.</summary>
    internal static NetEndpoint ReadNative(ReadOnlySpan<byte> sockaddr, bool ipv6)
    {
        ushort port = BinaryPrimitives.ReadUInt16BigEndian(sockaddr[2..]);
        return ipv6 ? NetEndpoint.FromIPv6(sockaddr.Slice(8, 16), port) : NetEndpoint.FromIPv4(sockaddr.Slice(4, 4), port);
    }

    public static NetEndpoint FromIPEndPoint(IPEndPoint endPoint)
    {
        Span<byte> bytes = stackalloc byte[16];
        endPoint.Address.TryWriteBytes(bytes, out int length);
        return length == 4
            ? NetEndpoint.FromIPv4(bytes[..4], (ushort)endPoint.Port)
            : NetEndpoint.FromIPv6(bytes, (ushort)endPoint.Port);
    }
}
