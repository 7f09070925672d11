using Meridian.Protocol;

namespace Meridian.Core.Serving;

/// <summary>
/// Builds the reply to a classified request as a pure function of the request, the receive
/// timestamp and the published server state (P10). The reply buffer is the caller's transmit
/// buffer sliced to the request length, so a reply longer than its request cannot be written (P4).
/// </summary>
public static class Responder
{
    /// <summary>
    /// Writes a 48-byte mode-4 reply into <paramref name="reply"/> and returns its length, or 0 when
    /// the buffer is shorter than a header or longer than the request. The transmit timestamp is
    /// provisionally the receive timestamp; <see cref="StampTransmit"/> sets it just before sending.
    /// </summary>
    public static int WriteReply(ReadOnlySpan<byte> request, Span<byte> reply, NtpTimestamp receive, ServerState state)
    {
        if (request.Length < NtpHeader.Size || reply.Length < NtpHeader.Size || reply.Length > request.Length)
        {
            return 0;
        }

        reply[0] = NtpHeader.EncodeFirstByte(state.Leap, NtpHeader.ReadVersion(request), NtpMode.Server);
        reply[NtpHeader.StratumOffset] = state.Stratum;
        reply[NtpHeader.PollOffset] = (byte)state.Poll;
        reply[NtpHeader.PrecisionOffset] = (byte)state.Precision;
        state.RootDelay.Write(reply[NtpHeader.RootDelayOffset..]);
        state.RootDispersion.Write(reply[NtpHeader.RootDispersionOffset..]);
        state.ReferenceId.Write(reply[NtpHeader.ReferenceIdOffset..]);
        state.ReferenceTimestamp.Write(reply[NtpHeader.ReferenceTimestampOffset..]);
        request.Slice(NtpHeader.TransmitTimestampOffset, NtpTimestamp.Size).CopyTo(reply[NtpHeader.OriginTimestampOffset..]);
        receive = InterleavedReplies.MarkReceive(receive);
        receive.Write(reply[NtpHeader.ReceiveTimestampOffset..]);
        receive.Write(reply[NtpHeader.TransmitTimestampOffset..]);
        return NtpHeader.Size;
    }

    /// <summary>
    /// Writes a 48-byte kiss-o'-death (RFC 5905 §7.4): leap indicator 3, stratum 0, the kiss code as
    /// reference id, the request's transmit timestamp as origin; nothing else of the server's state.
    /// Returns 0 under the same conditions as <see cref="WriteReply"/>.
    /// </summary>
    public static int WriteKiss(ReadOnlySpan<byte> request, Span<byte> reply, NtpTimestamp receive, ReferenceId code)
    {
        if (request.Length < NtpHeader.Size || reply.Length < NtpHeader.Size || reply.Length > request.Length)
        {
            return 0;
        }

        reply[..NtpHeader.Size].Clear();
        reply[0] = NtpHeader.EncodeFirstByte(LeapIndicator.Unsynchronized, NtpHeader.ReadVersion(request), NtpMode.Server);
        code.Write(reply[NtpHeader.ReferenceIdOffset..]);
        request.Slice(NtpHeader.TransmitTimestampOffset, NtpTimestamp.Size).CopyTo(reply[NtpHeader.OriginTimestampOffset..]);
        receive.Write(reply[NtpHeader.ReceiveTimestampOffset..]);
        receive.Write(reply[NtpHeader.TransmitTimestampOffset..]);
        return NtpHeader.Size;
    }

    /// <summary>
    /// Sets the transmit timestamp of a reply written by <see cref="WriteReply"/>. A transmit time
    /// before the receive time (the clock was stepped back in between) is raised to the receive
    /// time, so the reply never shows a negative processing interval. Its lowest bit is clear and the
    /// receive timestamp's set (<see cref="InterleavedReplies"/>): the two are never equal.
    /// </summary>
    public static void StampTransmit(Span<byte> reply, NtpTimestamp transmit)
    {
        NtpTimestamp receive = NtpTimestamp.Read(reply[NtpHeader.ReceiveTimestampOffset..]);
        InterleavedReplies.MarkTransmit(transmit, receive).Write(reply[NtpHeader.TransmitTimestampOffset..]);
    }
}
