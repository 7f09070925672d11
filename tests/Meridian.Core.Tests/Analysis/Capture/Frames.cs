using System.Buffers.Binary;
using System.Net;

namespace Meridian.Core.Tests.Analysis.Capture;

/// <summary>Builds IP/UDP packets and link-layer frames around them, byte by byte, for synthesized captures.</summary>
internal static class Frames
{
    public static byte[] Udp(string source, string destination, int sourcePort, int destinationPort, int payload = 48)
    {
        IPAddress s = IPAddress.Parse(source), d = IPAddress.Parse(destination);
        return s.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? Udp4(s, d, sourcePort, destinationPort, payload)
            : Udp6(s, d, sourcePort, destinationPort, payload);
    }

    public static byte[] Udp4(IPAddress source, IPAddress destination, int sourcePort, int destinationPort, int payload, byte protocol = 17)
    {
        byte[] ip = new byte[28 + payload];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        ip[8] = 64;
        ip[9] = protocol;
        source.GetAddressBytes().CopyTo(ip, 12);
        destination.GetAddressBytes().CopyTo(ip, 16);
        WriteUdp(ip.AsSpan(20), sourcePort, destinationPort, payload);
        return ip;
    }

    public static byte[] Udp6(IPAddress source, IPAddress destination, int sourcePort, int destinationPort, int payload)
    {
        byte[] ip = new byte[48 + payload];
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), (ushort)(8 + payload));
        ip[6] = 17;
        ip[7] = 64;
        source.GetAddressBytes().CopyTo(ip, 8);
        destination.GetAddressBytes().CopyTo(ip, 24);
        WriteUdp(ip.AsSpan(40), sourcePort, destinationPort, payload);
        return ip;
    }

    /// <summary>An IPv6 packet with a hop-by-hop and a destination-options header before UDP.</summary>
    public static byte[] Udp6WithExtensions(string source, string destination, int sourcePort, int destinationPort, int payload)
    {
        byte[] plain = Udp6(IPAddress.Parse(source), IPAddress.Parse(destination), sourcePort, destinationPort, payload);
        byte[] ip = [.. plain[..40], 60, 0, 0, 0, 0, 0, 0, 0, 17, 0, 0, 0, 0, 0, 0, 0, .. plain[40..]];
        ip[6] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), (ushort)(ip.Length - 40));
        return ip;
    }

    public static byte[] Ethernet(byte[] ip, params ushort[] vlans)
    {
        var frame = new List<byte>(new byte[12]);
        foreach (ushort vlan in vlans)
        {
            frame.AddRange([0x81, 0x00, (byte)(vlan >> 8), (byte)vlan]);
        }

        frame.AddRange(EtherType(ip));
        frame.AddRange(ip);
        return [.. frame];
    }

    public static byte[] Sll(byte[] ip) => [0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, .. EtherType(ip), .. ip];

    public static byte[] Sll2(byte[] ip) => [.. EtherType(ip), 0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, .. ip];

    /// <summary>BSD loopback: the family in the capturing host's (here little-endian) byte order.</summary>
    public static byte[] Null(byte[] ip) => [(byte)(ip[0] >> 4 == 4 ? 2 : 30), 0, 0, 0, .. ip];

    private static byte[] EtherType(byte[] ip) => ip[0] >> 4 == 4 ? [0x08, 0x00] : [0x86, 0xdd];

    private static void WriteUdp(Span<byte> udp, int sourcePort, int destinationPort, int payload)
    {
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payload));
    }
}
