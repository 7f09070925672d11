using System.Buffers.Binary;
using System.Net;

namespace Meridian.Core.Analysis.Capture;

/// <summary>Addresses as 128-bit values for compact sets; IPv4 as ::ffff:a.b.c.d.</summary>
public static class Address128
{
    public static UInt128 From(IPAddress address) =>
        BinaryPrimitives.ReadUInt128BigEndian(address.MapToIPv6().GetAddressBytes());

    public static IPAddress ToAddress(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        var address = new IPAddress(bytes);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}
