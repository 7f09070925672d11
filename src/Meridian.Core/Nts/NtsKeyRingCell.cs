namespace Meridian.Core.Nts;

/// <summary>
/// Publishes the key ring from its one writer (the edge's rotation timer) to the serving loops and
/// the NTS-KE server by a reference swap; readers never lock.
/// </summary>
public sealed class NtsKeyRingCell(NtsKeyRing initial)
{
    private NtsKeyRing _current = initial;

    public NtsKeyRing Current => Volatile.Read(ref _current);

    public void Publish(NtsKeyRing next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Volatile.Write(ref _current, next);
    }
}
