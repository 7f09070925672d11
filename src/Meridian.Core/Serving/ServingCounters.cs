namespace Meridian.Core.Serving;

/// <summary>
/// Packet counters of one serving loop. One writer (the loop's thread) increments them; any
/// thread may read them. Sum several with <see cref="ServingCountersSnapshot.Sum"/>.
/// </summary>
public sealed class ServingCounters
{
    private static readonly int ReasonCount = Enum.GetValues<DropReason>().Length;

    private readonly long[] _drops = new long[ReasonCount];
    private long _received;
    private long _served;
    private long _kodsSent;

    public long Received => Volatile.Read(ref _received);

    public long Served => Volatile.Read(ref _served);

    /// <summary>RATE kisses sent (they are also counted as served).</summary>
    public long KodsSent => Volatile.Read(ref _kodsSent);

    public long Dropped(DropReason reason) => Volatile.Read(ref _drops[(int)reason]);

    public void CountReceived() => Volatile.Write(ref _received, _received + 1);

    public void CountServed() => Volatile.Write(ref _served, _served + 1);

    public void CountKod() => Volatile.Write(ref _kodsSent, _kodsSent + 1);

    public void CountDrop(DropReason reason) => Volatile.Write(ref _drops[(int)reason], _drops[(int)reason] + 1);
}
