using System.Buffers.Binary;

namespace Meridian.Core.Analysis.Capture;

/// <summary>
/// Link layer → IPv4/IPv6 → UDP. Returns false for anything that is not a decodable UDP datagram:
/// other protocols, IPv4 fragments after the first, headers cut by the snap length.
/// </summary>
public static class PacketDecoder
{
    private const ushort EtherTypeIPv4 = 0x0800;
    private const ushort EtherTypeIPv6 = 0x86dd;
    private const byte ProtocolUdp = 17;
    private const int UdpHeaderSize = 8;

    public static bool TryDecode(int linkType, ReadOnlySpan<byte> frame, out UdpDatagram datagram)
    {
        datagram = default;
        return TryFindIp(linkType, frame, out ReadOnlySpan<byte> ip) && TryDecodeIp(ip, out datagram);
    }

    /// <summary>The IP packet inside a frame of the given link type.</summary>
    public static bool TryFindIp(int linkType, ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> ip)
    {
        ip = default;
        int offset = linkType switch
        {
            LinkType.Ethernet => EthernetPayload(frame),
            LinkType.LinuxSll => CookedPayload(frame, 14, 16),
            LinkType.LinuxSll2 => CookedPayload(frame, 0, 20),
            LinkType.Null or LinkType.Loop => frame.Length >= 4 ? 4 : -1, // the IP version nibble tells the family
            LinkType.Raw or LinkType.RawLegacy or LinkType.RawOpenBsd or LinkType.IPv4 or LinkType.IPv6 => 0,
            _ => -1,
        };
        if (offset < 0 || offset >= frame.Length)
        {
            return false;
        }

        ip = frame[offset..];
        return true;
    }

    public static bool TryDecodeIp(ReadOnlySpan<byte> ip, out UdpDatagram datagram)
    {
        datagram = default;
        return ip.Length > 0 && (ip[0] >> 4) switch
        {
            4 => TryDecodeIPv4(ip, out datagram),
            6 => TryDecodeIPv6(ip, out datagram),
            _ => false,
        };
    }

    /// <summary>Offset of the IP header after the Ethernet header and any VLAN tags, or -1.</summary>
    private static int EthernetPayload(ReadOnlySpan<byte> frame)
    {
        int offset = 12;
        for (int tags = 0; tags < 4 && offset + 2 <= frame.Length; tags++)
        {
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
            if (type is not (0x8100 or 0x88a8 or 0x9100))
            {
                return IsIp(type) ? offset + 2 : -1;
            }

            offset += 4;
        }

        return -1;
    }

    private static int CookedPayload(ReadOnlySpan<byte> frame, int protocolOffset, int headerSize) =>
        frame.Length >= headerSize && IsIp(BinaryPrimitives.ReadUInt16BigEndian(frame[protocolOffset..])) ? headerSize : -1;

    private static bool IsIp(ushort etherType) => etherType is EtherTypeIPv4 or EtherTypeIPv6;

    private static bool TryDecodeIPv4(ReadOnlySpan<byte> ip, out UdpDatagram datagram)
    {
        datagram = default;
        int headerLength = (ip[0] & 0x0f) * 4;
        if (headerLength < 20 || ip.Length < headerLength + UdpHeaderSize || ip[9] != ProtocolUdp)
        {
            return false;
        }

        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        bool laterFragment = (BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x1fff) != 0;
        if (laterFragment || totalLength < headerLength + UdpHeaderSize)
        {
            return false;
        }

        var source = MapIPv4(BinaryPrimitives.ReadUInt32BigEndian(ip[12..]));
        var destination = MapIPv4(BinaryPrimitives.ReadUInt32BigEndian(ip[16..]));
        datagram = Udp(ip[headerLength..], source, destination, totalLength);
        return true;
    }

    private static bool TryDecodeIPv6(ReadOnlySpan<byte> ip, out UdpDatagram datagram)
    {
        datagram = default;
        if (ip.Length < 40)
        {
            return false;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        int offset = Ipv6Extensions.FindUdp(ip, ip[6]);
        if (payloadLength == 0 || offset < 0 || ip.Length < offset + UdpHeaderSize)
        {
            return false; // not UDP, a later fragment, a jumbogram, or cut short
        }

        var source = BinaryPrimitives.ReadUInt128BigEndian(ip[8..]);
        var destination = BinaryPrimitives.ReadUInt128BigEndian(ip[24..]);
        datagram = Udp(ip[offset..], source, destination, 40 + payloadLength);
        return true;
    }

    private static UdpDatagram Udp(ReadOnlySpan<byte> udp, UInt128 source, UInt128 destination, int ipLength) => new(
        source, destination, BinaryPrimitives.ReadUInt16BigEndian(udp), BinaryPrimitives.ReadUInt16BigEndian(udp[2..]), ipLength);

    public static UInt128 MapIPv4(uint address) => ((UInt128)0xffff << 32) | address;
}
