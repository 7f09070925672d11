using Meridian.Protocol;

namespace Meridian.Core.Client;

/// <summary>
/// A client (mode 3) request that tells the server nothing (RFC 9109, data minimization): every
/// field is zero except the first byte (LI 0, VN 4, mode 3) and a random transmit timestamp, which
/// the reply must echo as its origin timestamp. The real send time stays with the client.
/// </summary>
public sealed record SntpRequest(NtpTimestamp Transmit, byte[] Packet)
{
    public const byte Version = 4;

    /// <summary>The request for a random 64-bit value (0, which a reply's origin could match by accident, becomes 1).</summary>
    public static SntpRequest Create(ulong random)
    {
        var transmit = new NtpTimestamp(random == 0 ? 1 : random);
        byte[] packet = new byte[NtpHeader.Size];
        packet[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, Version, NtpMode.Client);
        transmit.Write(packet.AsSpan(NtpHeader.TransmitTimestampOffset));
        return new SntpRequest(transmit, packet);
    }
}
