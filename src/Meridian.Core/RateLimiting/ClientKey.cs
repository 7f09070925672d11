namespace Meridian.Core.RateLimiting;

/// <summary>
/// The client a request is counted against: the IPv4 /prefix4 network, kept in its v4-mapped form
/// (::ffff:a.b.c.d, so a v4-mapped IPv6 source is the same client), or the IPv6 /prefix6 network
/// (prefix6 at most 64), as 64 bits. Never 0: the all-zero IPv6 network ::/64 is key 1, which it
/// shares with 0:0:0:1::/64 (both in the reserved ::/8, never seen from real clients).
/// </summary>
public static class ClientKey
{
    public const int MaxPrefix6 = 64;

    public static ulong Of(in NetEndpoint source, int prefix4, int prefix6)
    {
        if (source.IsIPv4)
        {
            uint mask = prefix4 == 0 ? 0 : uint.MaxValue << (32 - prefix4);
            return 0x0000_FFFF_0000_0000UL | (source.IPv4Address & mask);
        }

        ulong network = prefix6 == 0 ? 0 : source.High & (ulong.MaxValue << (64 - prefix6));
        return network == 0 ? 1 : network;
    }

    /// <summary>The network as text: a.b.c.d/len or the IPv6 prefix/len.</summary>
    public static string Format(ulong key, int prefix4, int prefix6)
    {
        if ((key >> 32) == 0xFFFF)
        {
            uint a = (uint)key;
            return $"{a >> 24}.{(a >> 16) & 0xFF}.{(a >> 8) & 0xFF}.{a & 0xFF}" + (prefix4 == 32 ? "" : $"/{prefix4}");
        }

        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, key == 1 ? 0 : key);
        return $"{new System.Net.IPAddress(bytes)}/{prefix6}";
    }
}
