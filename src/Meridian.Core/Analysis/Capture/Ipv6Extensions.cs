using System.Buffers.Binary;

namespace Meridian.Core.Analysis.Capture;

/// <summary>Walks IPv6 extension headers (hop-by-hop, routing, fragment, destination options, AH) to UDP.</summary>
internal static class Ipv6Extensions
{
    private const int MaxHeaders = 8;

    /// <summary>Offset of the UDP header, or -1 (another protocol, a later fragment, cut short).</summary>
    public static int FindUdp(ReadOnlySpan<byte> ip, byte next)
    {
        int offset = 40;
        for (int i = 0; i <= MaxHeaders; i++)
        {
            if (next == 17)
            {
                return offset;
            }

            if (offset + 8 > ip.Length)
            {
                return -1;
            }

            int length = next switch
            {
                0 or 43 or 60 => (ip[offset + 1] + 1) * 8,
                44 => (BinaryPrimitives.ReadUInt16BigEndian(ip[(offset + 2)..]) & 0xfff8) == 0 ? 8 : -1,
                51 => (ip[offset + 1] + 2) * 4,
                _ => -1,
            };
            if (length < 0)
            {
                return -1;
            }

            next = ip[offset];
            offset += length;
        }

        return -1;
    }
}
