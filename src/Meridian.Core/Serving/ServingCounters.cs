
namespace Meridian.Core.Serving;

/// <summary>
/// Packet, byte and client counters of one serving loop. One writer (the loop's thread) increments
/// them; any thread may read them. Bytes are counted as on the wire: the datagram plus the IP and
/// UDP headers of the loop's address family. Sum several with <see cref="ServingCountersSnapshot.Sum"/>.
/// </summary>
/// <param name="wireOverhead">IP + UDP header bytes per datagram: <see cref="IPv4UdpOverhead"/> or <see cref="IPv6UdpOverhead"/>.</param>
public sealed class ServingCounters(int wireOverhead = ServingCounters.IPv4UdpOverhead)
{
    /// <summary>IPv4 (20 bytes) and UDP (8 bytes) headers around an NTP payload.</summary>
    public const int IPv4UdpOverhead = 28;

    /// <summary>IPv6 (40 bytes) and UDP (8 bytes) headers around an NTP payload.</summary>
    public const int IPv6UdpOverhead = 48;

    private static readonly int ReasonCount = Enum.GetValues<DropReason>().Length;

    private readonly long[] _drops = new long[ReasonCount];
    private long _received;
    private long _served;
    private long _kodsSent;
    private long _ntsAuthenticated;
    private long _ntsNaks;
    private long _bytesReceived;
    private long _bytesSent;
    private long _interleaved;

    public long Received => Volatile.Read(ref _received);

    public long Served => Volatile.Read(ref _served);

    /// <summary>RATE kisses sent (they are also counted as served).</summary>
    public long KodsSent => Volatile.Read(ref _kodsSent);

    /// <summary>NTS requests verified and answered with fresh cookies (also counted as served once sent).</summary>
    public long NtsAuthenticated => Volatile.Read(ref _ntsAuthenticated);

    /// <summary>NTS NAKs sent for cookies that did not open (also counted as served once sent).</summary>
    public long NtsNaks => Volatile.Read(ref _ntsNaks);

    /// <summary>Bytes of every datagram received, with IP and UDP headers.</summary>
    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    /// <summary>Bytes of every reply sent, with IP and UDP headers.</summary>
    public long BytesSent => Volatile.Read(ref _bytesSent);

    /// <summary>Replies sent in interleaved mode (also counted as served).</summary>
    public long Interleaved => Volatile.Read(ref _interleaved);

    /// <summary>Kernel transmit time − T3 of the basic replies whose kernel transmit timestamp was read back.</summary>
    public TransmitErrorHistogram TransmitErrors { get; } = new();

    /// <summary>The distinct source addresses of the datagrams received.</summary>
    public UniqueClientCounter Clients { get; } = new();

    public long Dropped(DropReason reason) => Volatile.Read(ref _drops[(int)reason]);

    public void CountReceived(int length)
    {
        Volatile.Write(ref _received, _received + 1);
        Volatile.Write(ref _bytesReceived, _bytesReceived + length + wireOverhead);
    }

    /// <remarks>The bytes are written before the count, so a reader that sees N served also sees their bytes.</remarks>
    public void CountServed(int length)
    {
        Volatile.Write(ref _bytesSent, _bytesSent + length + wireOverhead);
        Volatile.Write(ref _served, _served + 1);
    }

    public void CountInterleaved() => Volatile.Write(ref _interleaved, _interleaved + 1);

    public void CountKod() => Volatile.Write(ref _kodsSent, _kodsSent + 1);

    /// <summary>Counts an NTS outcome: answered ones by their own counters, the others as drops.</summary>
    public void CountNts(NtsOutcome outcome)
    {
        switch (outcome)
        {
            case NtsOutcome.Authenticated:
                Volatile.Write(ref _ntsAuthenticated, _ntsAuthenticated + 1);
                break;
            case NtsOutcome.Nak:
                Volatile.Write(ref _ntsNaks, _ntsNaks + 1);
                break;
            case NtsOutcome.BadAuthenticator:
                CountDrop(DropReason.NtsBadAuthenticator);
                break;
            case NtsOutcome.Malformed:
                CountDrop(DropReason.NtsMalformed);
                break;
            default:
                CountDrop(DropReason.NtsUnavailable);
                break;
        }
    }

    public void CountDrop(DropReason reason) => Volatile.Write(ref _drops[(int)reason], _drops[(int)reason] + 1);
}
