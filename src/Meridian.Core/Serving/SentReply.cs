using Meridian.Protocol;

namespace Meridian.Core.Serving;

/// <summary>
/// What the kernel's transmit timestamp of a sent reply tells: how early its T3 was (basic replies)
/// and when it really left (saved for an interleaved reply to the same client). The edge hands in
/// the reply's header as the kernel looped it back, so the timestamp is matched to the reply it
/// belongs to by the reply's own bytes, never by counting sends.
/// </summary>
public static class SentReply
{
    /// <summary>An error this large means the bytes were not a reply's header (a longer reply's tail): ignored.</summary>
    private const double ImplausibleSeconds = 1.0;

    /// <param name="header">The last 48 bytes of the datagram sent.</param>
    /// <param name="kernelTransmit">The kernel's software transmit time of it, on the served clock.</param>
    public static void Observe(ReadOnlySpan<byte> header, NtpTimestamp kernelTransmit, InterleavedReplies interleaved, TransmitErrorHistogram errors)
    {
        if (header.Length < NtpHeader.Size || NtpHeader.ReadMode(header) != NtpMode.Server)
        {
            return;
        }

        NtpTimestamp receive = NtpTimestamp.Read(header[NtpHeader.ReceiveTimestampOffset..]);
        NtpTimestamp transmit = NtpTimestamp.Read(header[NtpHeader.TransmitTimestampOffset..]);
        interleaved.RecordTransmit(receive, kernelTransmit);

        // An interleaved reply carries the previous reply's transmit time, before its own receive time.
        double error = kernelTransmit.SecondsSince(transmit);
        if (transmit.SecondsSince(receive) >= 0 && Math.Abs(error) < ImplausibleSeconds)
        {
            errors.Observe(error);
        }
    }
}
