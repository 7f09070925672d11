namespace Meridian.Core.Analysis.Capture;

/// <summary>
/// A decoded UDP datagram: addresses as 128 bits (IPv4 as ::ffff:a.b.c.d), ports, and its length on
/// the wire at the IP layer as its IP header states it (IP + UDP headers + payload; not the link
/// header, and not shortened by the capture's snap length).
/// </summary>
public readonly record struct UdpDatagram(UInt128 Source, UInt128 Destination, ushort SourcePort, ushort DestinationPort, int IpLength);
