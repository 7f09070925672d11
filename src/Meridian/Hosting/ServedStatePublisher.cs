using Meridian.Configuration;
using Meridian.Core.Serving;
using Meridian.Net;

namespace Meridian.Hosting;

/// <summary>
/// The single writer of the served <see cref="ServerState"/> until synchronization exists: either
/// "not synchronized", or the local clock at the configured stratum with a fresh reference time.
/// </summary>
public sealed class ServedStatePublisher(int? localStratum, sbyte precision)
{
    public ServerStateCell Cell { get; } = new(Build(localStratum, precision));

    public string Description => localStratum is int s
        ? $"the local clock at stratum {s}"
        : "'not synchronized' (leap indicator 3)";

    /// <summary>Called about once a second: the local clock's reference time follows the clock.</summary>
    public void Refresh()
    {
        if (localStratum is not null)
        {
            Cell.Publish(Build(localStratum, precision));
        }
    }

    private static ServerState Build(int? localStratum, sbyte precision) => localStratum is int stratum
        ? ServerState.LocalClock((byte)stratum, precision, RealtimeClock.Now())
        : ServerState.Unsynchronized(precision);
}
