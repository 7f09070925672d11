using System.Globalization;
using System.Net;
using Meridian.Core.Access;

namespace Meridian.Core.Tests.Access;

/// <summary>Endpoints and <c>restrict</c> rules from their text form, for the access and rate-limiting tests.</summary>
internal static class Addresses
{
    /// <summary>An IPv4 or IPv6 address (v4-mapped IPv6 text becomes the IPv4 endpoint, as at the socket).</summary>
    public static NetEndpoint Parse(string address, ushort port = 40123)
    {
        byte[] bytes = IPAddress.Parse(address).GetAddressBytes();
        return bytes.Length == 4 ? NetEndpoint.FromIPv4(bytes, port) : NetEndpoint.FromIPv6(bytes, port);
    }

    /// <summary>A rule from "address/length".</summary>
    public static AccessRule Rule(string cidr, AccessFlags flags)
    {
        int slash = cidr.IndexOf('/');
        return new AccessRule(Parse(cidr[..slash], 0), int.Parse(cidr[(slash + 1)..], CultureInfo.InvariantCulture), flags);
    }

    /// <summary>The endpoint with one address bit flipped, counted from the top of its family (bit 0 is the first bit).</summary>
    public static NetEndpoint FlipBit(NetEndpoint endpoint, int bit)
    {
        if (endpoint.IsIPv4)
        {
            return NetEndpoint.FromIPv4(endpoint.IPv4Address ^ (1u << (31 - bit)), endpoint.Port);
        }

        return bit < 64
            ? endpoint with { High = endpoint.High ^ (1UL << (63 - bit)) }
            : endpoint with { Low = endpoint.Low ^ (1UL << (127 - bit)) };
    }

    /// <summary>The endpoint with every address bit after the first <paramref name="prefixLength"/> set.</summary>
    public static NetEndpoint SetHostBits(NetEndpoint endpoint, int prefixLength)
    {
        int bits = endpoint.IsIPv4 ? 32 : 128;
        for (int bit = prefixLength; bit < bits; bit++)
        {
            NetEndpoint flipped = FlipBit(endpoint, bit);
            if (IsBitSet(flipped, bit))
            {
                endpoint = flipped;
            }
        }

        return endpoint;
    }

    private static bool IsBitSet(NetEndpoint endpoint, int bit) => endpoint.IsIPv4
        ? (endpoint.IPv4Address & (1u << (31 - bit))) != 0
        : bit < 64 ? (endpoint.High & (1UL << (63 - bit))) != 0 : (endpoint.Low & (1UL << (127 - bit))) != 0;
}
