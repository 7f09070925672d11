using Meridian.Protocol;

namespace Meridian.Core.Serving;

/// <summary>
/// The decision half of the serving hot path: count, classify, and write the reply into the
/// transmit buffer sliced to the request length. The edge stamps the transmit time, sends, and
/// reports the outcome with <see cref="CountSent"/>. One instance per serving loop (one writer).
/// </summary>
public sealed class ServingPath(RequestClassifier classifier, ServerStateCell state, ServingCounters counters)
{
    public ServingCounters Counters => counters;

    /// <summary>Returns the reply length, or 0 when the request is dropped (and counted).</summary>
    public int Handle(ReadOnlySpan<byte> request, Span<byte> transmitBuffer, in NetEndpoint source, in NetEndpoint destination, NtpTimestamp receive)
    {
        DropReason reason = classifier.Classify(request, source, destination);
        if (reason != DropReason.None)
        {
            CountReceivedAndDropped(reason);
            return 0;
        }

        counters.CountReceived();
        return Responder.WriteReply(request, transmitBuffer[..request.Length], receive, state.Current);
    }

    /// <summary>Counts a datagram the edge could not hand to <see cref="Handle"/> (for example, an unreadable source address).</summary>
    public void CountReceivedAndDropped(DropReason reason)
    {
        counters.CountReceived();
        counters.CountDrop(reason);
    }

    /// <summary>
    /// The last check before a send (P4, asserted again): true when a reply of this length may go out
    /// for this request. A reply longer than its request is counted as dropped and never sent.
    /// </summary>
    public bool MaySend(int replyLength, int requestLength)
    {
        if (replyLength <= requestLength)
        {
            return replyLength > 0;
        }

        counters.CountDrop(DropReason.ReplyLargerThanRequest);
        return false;
    }

    public void CountSent(bool sent)
    {
        if (sent)
        {
            counters.CountServed();
        }
        else
        {
            counters.CountDrop(DropReason.SendFailed);
        }
    }
}
