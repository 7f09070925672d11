using Meridian.Core.Access;
using Meridian.Core.RateLimiting;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Core.Serving;

/// <summary>
/// The decision half of the serving hot path: count, classify, and write the reply into the
/// transmit buffer sliced to the request length. The edge stamps the transmit time, sends, and
/// reports the outcome with <see cref="CountSent"/>. One instance per serving loop (one writer).
/// A reload hands a new policy over with <see cref="OfferPolicy"/> from any thread; the loop takes
/// it at its next batch (<see cref="BeginBatch"/>), so the policy and its client table keep one writer.
/// </summary>
/// <param name="maxAge">How long a request may have waited in the receive queue (default <see cref="RequestAge.Default"/>).</param>
public sealed class ServingPath(RequestClassifier classifier, ServingCounters counters, ServingPolicy policy, RequestAge? maxAge = null)
{
    private readonly RequestAge _maxAge = maxAge ?? RequestAge.Default;

    private ServingPolicy _policy = policy;
    private volatile ServingPolicy? _offered;

    public ServingPath(RequestClassifier classifier, ServingCounters counters)
        : this(classifier, counters, ServingPolicy.Open())
    {
    }

    public ServingCounters Counters => counters;

    /// <summary>How long a request may wait in the receive queue and still be answered.</summary>
    public RequestAge MaxAge => _maxAge;

    /// <summary>The policy in force (read by reports from other threads: a moment stale at most).</summary>
    public ServingPolicy Policy => Volatile.Read(ref _policy);

    /// <summary>The policy the loop will take at its next batch, or null; a later offer replaces an earlier one not yet taken.</summary>
    public ServingPolicy? OfferedPolicy => _offered;

    /// <summary>Hands a new policy to the loop (any thread); it takes effect at the loop's next batch.</summary>
    public void OfferPolicy(ServingPolicy next) => _offered = next;

    /// <summary>
    /// Called by the serving loop before each batch: takes the offered policy, if any (one volatile
    /// read when there is none), and with NTS on readies the NTS branch's nonces for the batch.
    /// Nothing allocated.
    /// </summary>
    public void BeginBatch()
    {
        if (_offered is ServingPolicy next)
        {
            Volatile.Write(ref _policy, next);
            Interlocked.CompareExchange(ref _offered, null, next);
        }

        _policy.Nts?.BeginBatch();
    }

    /// <summary>
    /// Classify (P1–P3, P6, P8, P9), then access (P5), then the rate limit and global budget (P7);
    /// returns the reply (or RATE kiss) length, or 0 when the request is dropped (and counted).
    /// <paramref name="now"/> is the monotonic time the limiter runs on; <paramref name="offLoopback"/>
    /// says the datagram came in on an interface other than loopback (the edge knows the interface).
    /// <paramref name="state"/> is the state of the <see cref="ServedSnapshot"/> the edge read for
    /// this batch, the one whose correction made <paramref name="receive"/> (and will make the
    /// transmit timestamp): a whole batch is served from one snapshot.
    /// </summary>
    public int Handle(ReadOnlySpan<byte> request, Span<byte> transmitBuffer, in NetEndpoint source, in NetEndpoint destination, NtpTimestamp receive, MonotonicTime now, ServerState state, bool offLoopback = false)
    {
        counters.CountReceived(request.Length);
        counters.Clients.Observe(source);
        DropReason reason = classifier.Classify(request, source, destination, offLoopback);
        NtsResponder? nts = reason == DropReason.ExtensionFieldNts ? _policy.Nts : null;
        if (reason == DropReason.None || nts is not null)
        {
            reason = Admit(source, now, out bool kiss);
            if (reason == DropReason.None)
            {
                Span<byte> reply = transmitBuffer[..request.Length];
                if (kiss)
                {
                    counters.CountKod();
                    return Responder.WriteKiss(request, reply, receive, KissCode.Rate);
                }

                return nts is null ? Responder.WriteReply(request, reply, receive, state) : nts.Respond(request, reply, receive, state, counters);
            }
        }

        counters.CountDrop(reason);
        return 0;
    }

    private DropReason Admit(in NetEndpoint source, MonotonicTime now, out bool kiss)
    {
        kiss = false;
        ServingPolicy policy = _policy;
        AccessFlags flags = policy.Access.Lookup(source);
        if ((flags & (AccessFlags.Ignore | AccessFlags.NoServe)) != 0)
        {
            return DropReason.AccessDenied;
        }

        ClientStanding standing = ClientStanding.Unknown;
        if (policy.Limiter is RateLimiter limiter)
        {
            if ((flags & AccessFlags.Limited) != 0)
            {
                RateDecision decision = limiter.Decide(source, now, (flags & AccessFlags.Kod) != 0, policy.NextRandom(), out standing);
                if (decision == RateDecision.Drop)
                {
                    return DropReason.RateLimited;
                }

                kiss = decision == RateDecision.Kiss;
            }
            else if (policy.Budget is not null)
            {
                // Exempt from the limit, but the budget serves regular pollers first: the table must know them too.
                standing = limiter.Track(source, now);
            }
        }

        return policy.Budget is GlobalBudget budget && !budget.TryTake(now, standing) ? DropReason.GlobalBudget : DropReason.None;
    }

    /// <summary>
    /// Called by the edge before <see cref="Handle"/> with the request's kernel arrival time and the
    /// time the loop read it: true (and counted as received and <see cref="DropReason.Stale"/>) when
    /// it waited in the queue longer than the bound, and must not be answered. Only while the loop is
    /// <paramref name="backlogged"/> (its receive call returned a full batch: more was waiting): a
    /// request that waited only for the loop's thread to be scheduled, with nothing queued behind it,
    /// is answered — its reply carries its true receive time, so the wait costs the client nothing.
    /// </summary>
    public bool DropIfStale(MonotonicTime arrival, MonotonicTime readAt, int length, bool backlogged = true)
    {
        if (!backlogged || !_maxAge.IsStale(arrival, readAt))
        {
            return false;
        }

        CountReceivedAndDropped(DropReason.Stale, length);
        return true;
    }

    /// <summary>Counts a datagram the edge could not hand to <see cref="Handle"/> (for example, an unreadable source address).</summary>
    public void CountReceivedAndDropped(DropReason reason, int length)
    {
        counters.CountReceived(length);
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

    /// <summary>
    /// Stamps the transmit time into a reply just before its send (<see cref="Responder.StampTransmit"/>),
    /// then seals it when it is an authenticated NTS reply — the header is the authenticator's
    /// associated data, so the seal must follow the stamp. False (counted) when the reply must not go out:
    /// also when the loop is <paramref name="backlogged"/> and the reply would leave later than the
    /// bound after its request arrived (the thread stalled between the read and the send), counted
    /// as <see cref="DropReason.Stale"/> like a request found old when read.
    /// </summary>
    public bool StampAndSeal(Span<byte> reply, NtpTimestamp transmit, bool backlogged = false)
    {
        Responder.StampTransmit(reply, transmit);
        if (backlogged && _maxAge.IsStale(NtpTimestamp.Read(reply[NtpHeader.ReceiveTimestampOffset..]), transmit))
        {
            counters.CountDrop(DropReason.Stale);
            return false;
        }

        if (_policy.Nts is not NtsResponder nts || nts.Finish(reply))
        {
            return true;
        }

        counters.CountDrop(DropReason.NtsUnavailable);
        return false;
    }

    /// <summary>Counts the outcome of sending a reply of <paramref name="length"/> bytes.</summary>
    public void CountSent(bool sent, int length)
    {
        if (sent)
        {
            counters.CountServed(length);
        }
        else
        {
            counters.CountDrop(DropReason.SendFailed);
        }
    }
}
