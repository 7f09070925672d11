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
        ReadOnlySpan<byte> raw = address.Buffer.Span;
        switch (address.Family)
        {
            case AddressFamily.InterNetwork when address.Size >= 8:
                endpoint = NetEndpoint.FromIPv4(raw.Slice(4, 4), BinaryPrimitives.ReadUInt16BigEndian(raw[2..]));
                return true;
            case AddressFamily.InterNetworkV6 when address.Size >= 24:
                endpoint = NetEndpoint.FromIPv6(raw.Slice(8, 16), BinaryPrimitives.ReadUInt16BigEndian(raw[2..]));
                return true;
            default:
                endpoint = default;
                return false;
        }
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
