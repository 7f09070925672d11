using Meridian.Core.Time;

namespace Meridian.Core.Serving;

/// <summary>
/// Publishes what is served — the <see cref="ServerState"/> and the served-clock correction, in one
/// <see cref="ServedSnapshot"/> — from its single writer (the sync thread) to the serving threads by
/// one reference swap: readers never lock and always see a state and a correction published together.
/// A serving loop reads it once per batch and serves the whole batch from that snapshot.
/// </summary>
public sealed class ServerStateCell(ServerState initial, ClockCorrection correction)
{
    private ServedSnapshot _current = new(initial, correction);

    /// <summary>A state served with the system clock as it is (no correction).</summary>
    public ServerStateCell(ServerState initial)
        : this(initial, ClockCorrection.None)
    {
    }

    public ServedSnapshot Current => Volatile.Read(ref _current);

    public void Publish(ServerState state, ClockCorrection correction)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(correction);
        Volatile.Write(ref _current, new ServedSnapshot(state, correction));
    }
}
