using Meridian.Core.Sync;
using Meridian.Protocol;

namespace Meridian.Core.Client;

/// <summary>
/// Checks a reply to an <see cref="SntpRequest"/> and computes offset and delay (RFC 5905 §8) from
/// T1 (local send time), T2 (server receive), T3 (server transmit) and T4 (local receive time).
/// Hostile bytes give a failed <see cref="SntpResult"/>, never an exception.
/// </summary>
public static class SntpReply
{
    public static SntpResult Evaluate(ReadOnlySpan<byte> packet, NtpTimestamp requestTransmit, NtpTimestamp t1, NtpTimestamp t4)
    {
        if (!NtpHeader.TryRead(packet, out NtpHeader reply))
        {
            return SntpResult.Failed(SntpStatus.TooShort);
        }

        if (reply.Mode != NtpMode.Server || reply.Version is < 1 or > 4)
        {
            return SntpResult.Failed(SntpStatus.WrongMode);
        }

        if (reply.OriginTimestamp != requestTransmit)
        {
            return SntpResult.Failed(SntpStatus.OriginMismatch);
        }

        var result = new SntpResult(
            SntpStatus.Valid, reply.Leap, reply.Stratum, reply.ReferenceId,
            RootDelay: reply.RootDelay.ToSeconds(), RootDispersion: reply.RootDispersion.ToSeconds(), ReceivedAt: t4);
        SntpStatus status = Classify(reply);
        return status == SntpStatus.Valid ? Measure(result, reply, t1, t4) : result with { Status = status };
    }

    /// <summary>
    /// θ = ((T2 − T1) + (T3 − T4)) / 2 and δ = (T4 − T1) − (T3 − T2), δ at least 0. The distance is
    /// RFC 5905's root distance at the time of the sample: (root delay + δ) / 2 + root dispersion +
    /// the server's precision + PHI · δ.
    /// </summary>
    private static SntpResult Measure(SntpResult result, in NtpHeader reply, NtpTimestamp t1, NtpTimestamp t4)
    {
        NtpTimestamp t2 = reply.ReceiveTimestamp, t3 = reply.TransmitTimestamp;
        double offset = (t2.SecondsSince(t1) + t3.SecondsSince(t4)) / 2;
        double delay = Math.Max(0, t4.SecondsSince(t1) - t3.SecondsSince(t2));
        double distance = (result.RootDelay + delay) / 2 + result.RootDispersion + Math.ScaleB(1, reply.Precision) + SyncConstants.Phi * delay;
        return result with { Offset = offset, Delay = delay, Distance = distance };
    }

    private static SntpStatus Classify(in NtpHeader reply)
    {
        if (reply.Stratum == 0)
        {
            return SntpStatus.Kiss;
        }

        if (reply.Leap == LeapIndicator.Unsynchronized || reply.Stratum >= SyncConstants.MaxStratum)
        {
            return SntpStatus.Unsynchronized;
        }

        return reply.TransmitTimestamp.Value == 0 ? SntpStatus.ZeroTransmit : SntpStatus.Valid;
    }
}
