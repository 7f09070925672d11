using Meridian.Core;
using Meridian.Protocol;

namespace Meridian.Net;

/// <summary>
/// What the kernel attached to one received datagram, from its control messages: the receive time
/// (SCM_TIMESTAMPNS, or SCM_TIMESTAMPING's software stamp; on the error queue, the transmit time), the destination address and the arrival interface (IP_PKTINFO /
/// IPV6_PKTINFO). The one reader of control messages, for the serving loop, the upstream exchange
/// and the load generator; it allocates nothing.
/// </summary>
internal readonly record struct ControlMessages(NtpTimestamp? Arrival, NetEndpoint? Destination, int? InterfaceIndex)
{
    /// <param name="localPort">The port to give the destination address (the socket's own).</param>
    public static unsafe ControlMessages Read(LinuxBatch.MsgHdr* message, ushort localPort)
    {
        var result = default(ControlMessages);
        byte* control = (byte*)message->Control;
        nuint length = message->ControlLength;
        for (nuint offset = 0; offset + (nuint)sizeof(LinuxBatch.CmsgHdr) <= length;)
        {
            var header = (LinuxBatch.CmsgHdr*)(control + offset);
            if (header->Length < (nuint)sizeof(LinuxBatch.CmsgHdr) || offset + header->Length > length)
            {
                break;
            }

            byte* data = (byte*)(header + 1);
            switch ((header->Level, header->Type))
            {
                case (LinuxBatch.SolSocket, LinuxBatch.ScmTimestampNs):
                    var stamp = (LinuxBatch.Timespec*)data;
                    result = result with { Arrival = NtpTimestamp.FromUnixTime(stamp->Seconds, (uint)stamp->Nanoseconds) };
                    break;
                case (LinuxBatch.SolSocket, KernelTransmitTimes.ScmTimestamping):
                    // struct scm_timestamping { timespec ts[3]; }: ts[0] is the software timestamp, zero when there is none.
                    var software = (LinuxBatch.Timespec*)data;
                    if (software->Seconds != 0 || software->Nanoseconds != 0)
                    {
                        result = result with { Arrival = NtpTimestamp.FromUnixTime(software->Seconds, (uint)software->Nanoseconds) };
                    }

                    break;
                case (LinuxBatch.IpProtoIp, LinuxBatch.IpPktInfo):
                    // struct in_pktinfo { int ifindex; in_addr spec_dst; in_addr addr; }: addr is the header's destination.
                    result = result with
                    {
                        Destination = NetEndpoint.FromIPv4(new ReadOnlySpan<byte>(data + 8, 4), localPort),
                        InterfaceIndex = KnownInterface(*(int*)data),
                    };
                    break;
                case (LinuxBatch.IpProtoIpv6, LinuxBatch.Ipv6PktInfo):
                    // struct in6_pktinfo { in6_addr addr; unsigned int ifindex; }.
                    result = result with
                    {
                        Destination = NetEndpoint.FromIPv6(new ReadOnlySpan<byte>(data, 16), localPort),
                        InterfaceIndex = KnownInterface(*(int*)(data + 16)),
                    };
                    break;
            }

            offset += (header->Length + 7) & ~(nuint)7;
        }

        return result;
    }

    /// <summary>Interface indices start at 1; 0 means the kernel did not record one.</summary>
    private static int? KnownInterface(int index) => index > 0 ? index : null;
}
