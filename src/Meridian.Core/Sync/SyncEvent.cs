namespace Meridian.Core.Sync;

/// <summary>
/// Something the operator should hear about once: a state change of the synchronization, a kiss,
/// a failed lookup. <paramref name="Source"/> names the source or upstream concerned (if any),
/// <paramref name="Value"/> carries the figure (seconds of a step or retry, the poll after a RATE
/// kiss); <paramref name="Text"/> is the log line the edge writes.
/// </summary>
public sealed record SyncEvent(SyncEventKind Kind, string? Source, double Value, string Text)
{
    public override string ToString() => Text;
}
