using System.Net;
using Meridian.Core.Analysis.Capture;

namespace Meridian.Core.Tests.Analysis.Capture;

public class PacketDecoderTests
{
    public static TheoryData<string, int, byte[]> LinkLayers()
    {
        byte[] v4 = Frames.Udp("192.0.2.7", "192.0.2.1", 40000, 123);
        byte[] v6 = Frames.Udp("2001:db8::7", "2001:db8::1", 40000, 123);
        var data = new TheoryData<string, int, byte[]>();
        foreach (var (name, ip) in new[] { ("IPv4", v4), ("IPv6", v6) })
        {
            data.Add($"{name} in Ethernet", LinkType.Ethernet, Frames.Ethernet(ip));
            data.Add($"{name} in Ethernet with a VLAN tag", LinkType.Ethernet, Frames.Ethernet(ip, 42));
            data.Add($"{name} in Ethernet with two VLAN tags", LinkType.Ethernet, Frames.Ethernet(ip, 42, 7));
            data.Add($"{name} in Linux SLL", LinkType.LinuxSll, Frames.Sll(ip));
            data.Add($"{name} in Linux SLL2", LinkType.LinuxSll2, Frames.Sll2(ip));
            data.Add($"{name} raw (101)", LinkType.Raw, ip);
            data.Add($"{name} raw (12)", LinkType.RawLegacy, ip);
            data.Add($"{name} raw (14)", LinkType.RawOpenBsd, ip);
            data.Add($"{name} in BSD loopback", LinkType.Null, Frames.Null(ip));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LinkLayers))]
    public void DecodesUdp_InsideEachLinkLayer(string name, int linkType, byte[] frame)
    {
        Assert.True(PacketDecoder.TryDecode(linkType, frame, out UdpDatagram d), name);

        bool v6 = name.StartsWith("IPv6");
        Assert.Equal(IPAddress.Parse(v6 ? "2001:db8::7" : "192.0.2.7"), Address128.ToAddress(d.Source));
        Assert.Equal(IPAddress.Parse(v6 ? "2001:db8::1" : "192.0.2.1"), Address128.ToAddress(d.Destination));
        Assert.Equal((40000, 123), (d.SourcePort, d.DestinationPort));
        Assert.Equal(v6 ? 48 + 48 : 28 + 48, d.IpLength);
    }

    [Fact]
    public void WalksIPv6ExtensionHeaders_ToUdp()
    {
        byte[] ip = Frames.Udp6WithExtensions("2001:db8::7", "2001:db8::1", 40000, 123, 48);

        Assert.True(PacketDecoder.TryDecode(LinkType.Raw, ip, out UdpDatagram d));
        Assert.Equal((40000, 123, 40 + 16 + 8 + 48), (d.SourcePort, d.DestinationPort, d.IpLength));
    }

    [Fact]
    public void HonoursTheIPv4HeaderLength()
    {
        byte[] plain = Frames.Udp("192.0.2.7", "192.0.2.1", 40000, 123);
        byte[] withOptions = [.. plain[..20], 1, 1, 1, 0, .. plain[20..]]; // NOP NOP NOP EOL
        withOptions[0] = 0x46;
        withOptions[3] += 4;

        Assert.True(PacketDecoder.TryDecode(LinkType.Raw, withOptions, out UdpDatagram d));
        Assert.Equal((40000, 123, 80), (d.SourcePort, d.DestinationPort, d.IpLength));
    }

    [Fact]
    public void UsesTheIpLengthField_WhenTheSnapLengthCutThePayload()
    {
        byte[] ip = Frames.Udp("192.0.2.7", "192.0.2.1", 40000, 123, payload: 1000);

        Assert.True(PacketDecoder.TryDecode(LinkType.Ethernet, Frames.Ethernet(ip).AsSpan(0, 14 + 28), out UdpDatagram d));
        Assert.Equal(1028, d.IpLength);
    }

    [Fact]
    public void SkipsIPv4FragmentsAfterTheFirst_AndOtherProtocols_AndCutHeaders()
    {
        byte[] later = Frames.Udp("192.0.2.7", "192.0.2.1", 40000, 123);
        later[7] = 0xb9; // fragment offset 185 × 8
        byte[] first = Frames.Udp("192.0.2.7", "192.0.2.1", 40000, 123);
        first[6] = 0x20; // more fragments, offset 0
        byte[] tcp = Frames.Udp4(IPAddress.Parse("192.0.2.7"), IPAddress.Parse("192.0.2.1"), 40000, 123, 48, protocol: 6);
        byte[] arp = [.. new byte[12], 0x08, 0x06, .. new byte[28]];

        Assert.True(PacketDecoder.TryDecode(LinkType.Raw, first, out _));
        Assert.False(PacketDecoder.TryDecode(LinkType.Raw, later, out _));
        Assert.False(PacketDecoder.TryDecode(LinkType.Raw, tcp, out _));
        Assert.False(PacketDecoder.TryDecode(LinkType.Ethernet, arp, out _));
        Assert.False(PacketDecoder.TryDecode(LinkType.Raw, first.AsSpan(0, 24), out _));
        Assert.False(PacketDecoder.TryDecode(147, first, out _));
    }
}
