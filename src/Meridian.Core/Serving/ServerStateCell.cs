namespace Meridian.Core.Serving;

/// <summary>
/// Publishes <see cref="ServerState"/> from its single writer to the serving threads by reference
/// swap: readers never lock and always see a whole snapshot.
/// </summary>
public sealed class ServerStateCell(ServerState initial)
{
    private ServerState _current = initial;

    public ServerState Current => Volatile.Read(ref _current);

    public void Publish(ServerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Volatile.Write(ref _current, state);
    }
}
