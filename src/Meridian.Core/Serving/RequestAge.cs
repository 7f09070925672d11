using Meridian.Core.Time;
using Meridian.Protocol;

namespace Meridian.Core.Serving;

/// <summary>
/// How long a request may wait in the socket's receive queue — from the kernel's receive timestamp
/// to the moment the serving loop reads it — and still be answered. Under overload requests queue
/// in the receive buffer; a reply that leaves tens of milliseconds after the request arrived is
/// worse than none (its round trip is mostly queueing, and it may arrive after the client's next
/// request), so such a request is dropped and counted as <see cref="DropReason.Stale"/>.
/// </summary>
public readonly record struct RequestAge(double MaxSeconds)
{
    /// <summary>10 ms: about 8 × the queueing chronyd shows at its limit, far above any queueing when not overloaded.</summary>
    public static RequestAge Default { get; } = new(0.010);

    /// <summary>
    /// True when a request that arrived at <paramref name="arrival"/> is older than the bound at
    /// <paramref name="readAt"/>. An arrival after the reading (clock pairing noise) is not stale.
    /// </summary>
    public bool IsStale(MonotonicTime arrival, MonotonicTime readAt) => readAt.SecondsSince(arrival) > MaxSeconds;

    /// <summary>True when a reply stamped <paramref name="transmit"/> would leave longer than the bound after its request's <paramref name="receive"/> (both on the served clock).</summary>
    public bool IsStale(NtpTimestamp receive, NtpTimestamp transmit) => transmit.SecondsSince(receive) > MaxSeconds;
}
