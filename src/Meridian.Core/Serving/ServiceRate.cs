namespace Meridian.Core.Serving;

/// <summary>
/// How many requests a second one serving loop can handle when it is never idle: the datagrams it
/// handled divided by the time it spent handling them (from a batch's return from the receive call
/// to the end of its sends), over windows of at least <see cref="WindowDatagrams"/> datagrams. The
/// receive call itself is not timed (it includes waiting), so the rate is somewhat above what the loop
/// sustains; the stale check catches what that overestimate lets queue. One writer, no allocation.
/// </summary>
public sealed class ServiceRate
{
    public const int WindowDatagrams = 20_000;

    private long _datagrams;
    private double _busySeconds;

    /// <summary>The rate of the last complete window, or null before the first.</summary>
    public double? PerSecond { get; private set; }

    public void Add(int datagrams, double busySeconds)
    {
        _datagrams += datagrams;
        _busySeconds += Math.Max(0, busySeconds);
        if (_datagrams >= WindowDatagrams && _busySeconds > 0)
        {
            PerSecond = _datagrams / _busySeconds;
            _datagrams = 0;
            _busySeconds = 0;
        }
    }
}
