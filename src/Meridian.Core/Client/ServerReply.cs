using Meridian.Protocol;

namespace Meridian.Core.Client;

/// <summary>
/// The checks and the arithmetic of a client's exchange with a server (RFC 5905 §8, §9.2), shared by
/// the upstream sources and the SNTP client so they cannot disagree: which replies answer our request
/// and carry a time, and the offset and delay from T1 (our transmit), T2 (server receive), T3 (server
/// transmit) and T4 (our receive). Hostile bytes give a verdict, never an exception.
/// </summary>
public static class ServerReply
{
    /// <summary>Checks a reply against the transmit timestamp of our request (<paramref name="origin"/>), in this order: length, mode and version, origin, kiss, synchronization, transmit timestamp.</summary>
    public static ReplyVerdict Check(ReadOnlySpan<byte> packet, NtpTimestamp origin, out NtpHeader reply)
    {
        if (!NtpHeader.TryRead(packet, out reply))
        {
            return ReplyVerdict.TooShort;
        }

        if (reply.Mode != NtpMode.Server || reply.Version is < 1 or > 4)
        {
            return ReplyVerdict.WrongMode;
        }

        if (reply.OriginTimestamp != origin)
        {
            return ReplyVerdict.OriginMismatch;
        }

        if (reply.Stratum == 0)
        {
            return ReplyVerdict.Kiss;
        }

        if (reply.Leap == LeapIndicator.Unsynchronized || reply.Stratum >= Rfc5905.MaxStratum)
        {
            return ReplyVerdict.Unsynchronized;
        }

        return reply.TransmitTimestamp.Value == 0 ? ReplyVerdict.ZeroTransmit : ReplyVerdict.Valid;
    }

    /// <summary>θ = ((T2 − T1) + (T3 − T4)) / 2: the server's clock minus ours.</summary>
    public static double Offset(in NtpHeader reply, NtpTimestamp t1, NtpTimestamp t4) =>
        (reply.ReceiveTimestamp.SecondsSince(t1) + reply.TransmitTimestamp.SecondsSince(t4)) / 2;

    /// <summary>δ = (T4 − T1) − (T3 − T2), at least 0: the round trip without the server's processing.</summary>
    public static double Delay(in NtpHeader reply, NtpTimestamp t1, NtpTimestamp t4) =>
        Math.Max(0, t4.SecondsSince(t1) - reply.TransmitTimestamp.SecondsSince(reply.ReceiveTimestamp));
}
