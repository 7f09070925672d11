using Meridian.Protocol;

namespace Meridian.Core.Serving;

/// <summary>
/// Interleaved client/server mode (RFC 9769 §2, as chrony's <c>xleave</c> clients use it) in fixed
/// memory: one table per serving loop (one writer), allocated once, nothing allocated per request.
/// <para>
/// Every basic reply's receive timestamp has its lowest bit set and its transmit timestamp that bit
/// clear (<see cref="MarkReceive"/>, <see cref="MarkTransmit"/>), so a request whose origin has the
/// bit set names one of this server's receive timestamps — the one of the previous reply to that
/// client. Only such requests (NTPv4, 48 bytes, receive field ≠ transmit field) are remembered: the
/// reply's receive timestamp is saved with the client's address, and the kernel's transmit time of
/// that reply is added when the edge reads it back (<see cref="RecordTransmit"/>). The client's next
/// request carries that receive timestamp as its origin; the reply is then interleaved: origin = the
/// request's receive field, receive = this request's arrival, transmit = the saved kernel transmit time
/// of the previous reply. A saved time is served once, and only to the address it was sent to.
/// Anything unknown (first requests, a slot reused by another client, no kernel timestamp) falls back
/// to a basic reply. The reply is the request's length, and every timestamp in it is the client's own.
/// </para>
/// </summary>
public sealed class InterleavedReplies
{
    /// <summary>Slots per serving loop: 4 096 × 40 bytes = 160 KiB.</summary>
    public const int DefaultCapacity = 4096;

    private const byte Empty = 0;
    private const byte AwaitingTransmit = 1;
    private const byte TransmitKnown = 2;

    private readonly Entry[] _entries;
    private readonly int _mask;

    public InterleavedReplies(int capacity = DefaultCapacity)
    {
        if (capacity < 1 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a power of two");
        }

        _entries = new Entry[capacity];
        _mask = capacity - 1;
    }

    /// <summary>A receive timestamp as served: its lowest bit (2⁻³² s) set, telling it apart from transmit timestamps.</summary>
    public static NtpTimestamp MarkReceive(NtpTimestamp receive) => new(receive.Value | 1);

    /// <summary>
    /// A transmit timestamp as served: its lowest bit clear, and never before <paramref name="receive"/>
    /// (a clock stepped back in between, or a reading in the same tick, is raised to just after it).
    /// </summary>
    public static NtpTimestamp MarkTransmit(NtpTimestamp transmit, NtpTimestamp receive)
    {
        ulong value = (transmit.SecondsSince(receive) < 0 ? receive.Value : transmit.Value) & ~1UL;
        return new NtpTimestamp(new NtpTimestamp(value).SecondsSince(receive) < 0 ? value + 2 : value);
    }

    /// <summary>
    /// Called for a basic reply just written for <paramref name="request"/> (same length, before its
    /// transmit timestamp is stamped). Returns true when the reply was made interleaved: its origin and
    /// transmit timestamps are then final and must not be stamped again.
    /// </summary>
    /// <param name="awaitsTransmit">
    /// True when the reply was remembered: its kernel transmit time is wanted (<see cref="RecordTransmit"/>)
    /// for the client's next, interleaved, request. Only such replies need a transmit timestamp for this table.
    /// </param>
    public bool Answer(ReadOnlySpan<byte> request, Span<byte> reply, in NetEndpoint source, out bool awaitsTransmit)
    {
        awaitsTransmit = IsCandidate(request, reply);
        if (!awaitsTransmit)
        {
            return false;
        }

        NtpTimestamp origin = NtpTimestamp.Read(request[NtpHeader.OriginTimestampOffset..]);
        ref Entry previous = ref _entries[Slot(origin.Value)];
        bool interleaved = previous.State == TransmitKnown && previous.Receive == origin.Value && previous.Is(source);
        if (interleaved)
        {
            previous.State = Empty;
            request.Slice(NtpHeader.ReceiveTimestampOffset, NtpTimestamp.Size).CopyTo(reply[NtpHeader.OriginTimestampOffset..]);
            new NtpTimestamp(previous.Transmit).Write(reply[NtpHeader.TransmitTimestampOffset..]);
        }

        ulong receive = NtpTimestamp.Read(reply[NtpHeader.ReceiveTimestampOffset..]).Value;
        _entries[Slot(receive)] = new Entry { Receive = receive, High = source.High, Low = source.Low, State = AwaitingTransmit };
        return interleaved;
    }

    /// <summary>
    /// The kernel's transmit time (on the served clock) of a sent reply, identified by the receive
    /// timestamp it carried. Saved only for a reply <see cref="Answer"/> remembered and still waiting.
    /// </summary>
    public void RecordTransmit(NtpTimestamp servedReceive, NtpTimestamp kernelTransmit)
    {
        ref Entry entry = ref _entries[Slot(servedReceive.Value)];
        if (entry.State == AwaitingTransmit && entry.Receive == servedReceive.Value)
        {
            entry.Transmit = MarkTransmit(kernelTransmit, servedReceive).Value;
            entry.State = TransmitKnown;
        }
    }

    /// <summary>An NTPv4 request of 48 bytes (no MAC, no extension fields) answered by a plain server reply, that names one of our receive timestamps.</summary>
    private static bool IsCandidate(ReadOnlySpan<byte> request, ReadOnlySpan<byte> reply) =>
        request.Length == NtpHeader.Size && reply.Length == NtpHeader.Size
        && NtpHeader.ReadVersion(request) == 4
        && NtpHeader.ReadMode(reply) == NtpMode.Server && reply[NtpHeader.StratumOffset] != 0
        && (request[NtpHeader.OriginTimestampOffset + 7] & 1) != 0
        && !request.Slice(NtpHeader.ReceiveTimestampOffset, NtpTimestamp.Size).SequenceEqual(request.Slice(NtpHeader.TransmitTimestampOffset, NtpTimestamp.Size));

    private int Slot(ulong receive) => (int)((receive * 0x9E37_79B9_7F4A_7C15UL) >> 40) & _mask;

    private struct Entry
    {
        public ulong Receive;
        public ulong Transmit;
        public ulong High;
        public ulong Low;
        public byte State;

        public readonly bool Is(in NetEndpoint source) => High == source.High && Low == source.Low;
    }
}
