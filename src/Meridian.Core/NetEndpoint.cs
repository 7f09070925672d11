using System.Buffers.Binary;

namespace Meridian.Core;

/// <summary>
/// An IP address and UDP port as two 64-bit halves, with no allocation. IPv4 is held in its
/// IPv4-mapped IPv6 form (::ffff:a.b.c.d), so a v4-mapped IPv6 source is the same endpoint as
/// the IPv4 one.
/// </summary>
public readonly record struct NetEndpoint(ulong High, ulong Low, ushort Port)
{
    private const ulong V4MappedPrefix = 0x0000_FFFF_0000_0000;

    public static NetEndpoint FromIPv4(uint address, ushort port) => new(0, V4MappedPrefix | address, port);

    public static NetEndpoint FromIPv4(ReadOnlySpan<byte> address, ushort port) =>
        FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(address), port);

    public static NetEndpoint FromIPv6(ReadOnlySpan<byte> address, ushort port) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(address), BinaryPrimitives.ReadUInt64BigEndian(address[8..]), port);

    public bool IsIPv4 => High == 0 && (Low & 0xFFFF_FFFF_0000_0000) == V4MappedPrefix;

    public uint IPv4Address => (uint)Low;

    public bool IsUnspecified => IsIPv4 ? IPv4Address == 0 : High == 0 && Low == 0;

    public bool IsMulticast => IsIPv4 ? (IPv4Address >> 28) == 0xE : (High >> 56) == 0xFF;

    public bool IsLimitedBroadcast => IsIPv4 && IPv4Address == uint.MaxValue;

    public bool IsLoopback => IsIPv4 ? (IPv4Address >> 24) == 127 : High == 0 && Low == 1;

    public bool HasSameAddress(in NetEndpoint other) => High == other.High && Low == other.Low;

    /// <summary>Writes the 4-byte IPv4 or 16-byte IPv6 address and returns its length.</summary>
    public int WriteAddress(Span<byte> destination)
    {
        if (IsIPv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, IPv4Address);
            return 4;
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
        return 16;
    }

    public override string ToString()
    {
        if (IsIPv4)
        {
            uint a = IPv4Address;
            return $"{a >> 24}.{(a >> 16) & 0xFF}.{(a >> 8) & 0xFF}.{a & 0xFF}:{Port}";
        }

        Span<byte> bytes = stackalloc byte[16];
        WriteAddress(bytes);
        return $"[{Convert.ToHexString(bytes)}]:{Port}";
    }
}
