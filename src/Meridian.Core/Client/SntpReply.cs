using Meridian.Protocol;

namespace Meridian.Core.Client;

/// <summary>
/// Checks a reply to an <see cref="SntpRequest"/> and computes offset and delay (RFC 5905 §8) from
/// T1 (local send time), T2 (server receive), T3 (server transmit) and T4 (local receive time), both
/// through <see cref="ServerReply"/>, which the upstream sources share.
/// Hostile bytes give a failed <see cref="SntpResult"/>, never an exception.
/// </summary>
public static class SntpReply
{
    public static SntpResult Evaluate(ReadOnlySpan<byte> packet, NtpTimestamp requestTransmit, NtpTimestamp t1, NtpTimestamp t4)
    {
        ReplyVerdict verdict = ServerReply.Check(packet, requestTransmit, out NtpHeader reply);
        switch (verdict)
        {
            case ReplyVerdict.TooShort:
                return SntpResult.Failed(SntpStatus.TooShort);
            case ReplyVerdict.WrongMode:
                return SntpResult.Failed(SntpStatus.WrongMode);
            case ReplyVerdict.OriginMismatch:
                return SntpResult.Failed(SntpStatus.OriginMismatch);
        }

        var result = new SntpResult(
            SntpStatus.Valid, reply.Leap, reply.Stratum, reply.ReferenceId,
            RootDelay: reply.RootDelay.ToSeconds(), RootDispersion: reply.RootDispersion.ToSeconds(), ReceivedAt: t4);
        return verdict switch
        {
            ReplyVerdict.Valid => Measure(result, reply, t1, t4),
            ReplyVerdict.Kiss => result with { Status = SntpStatus.Kiss },
            ReplyVerdict.Unsynchronized => result with { Status = SntpStatus.Unsynchronized },
            _ => result with { Status = SntpStatus.ZeroTransmit },
        };
    }

    /// <summary>
    /// Offset and delay as <see cref="ServerReply"/> computes them; the distance is RFC 5905's root
    /// distance at the time of the sample: (root delay + δ) / 2 + root dispersion + the server's
    /// precision + PHI · δ.
    /// </summary>
    private static SntpResult Measure(SntpResult result, in NtpHeader reply, NtpTimestamp t1, NtpTimestamp t4)
    {
        double offset = ServerReply.Offset(reply, t1, t4);
        double delay = ServerReply.Delay(reply, t1, t4);
        double distance = (result.RootDelay + delay) / 2 + result.RootDispersion + Math.ScaleB(1, reply.Precision) + Rfc5905.Phi * delay;
        return result with { Offset = offset, Delay = delay, Distance = distance };
    }
}
