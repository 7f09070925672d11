namespace Meridian.Core.Serving;

/// <summary>
/// The receive buffer a serving socket needs: room for what the worker can read within the request
/// age bound, and no more. A larger buffer only queues requests that will be dropped as stale after
/// waiting (each still costs a read); a smaller one drops requests the worker could have answered in
/// time. The kernel charges each queued datagram its buffer's true size, not its length, and
/// doubles the SO_RCVBUF value it is given (socket(7)), so:
/// <code>SO_RCVBUF = Headroom × rate × bound × DatagramTruesize / 2</code>, clamped to
/// [<see cref="MinimumBytes"/>, <see cref="MaximumBytes"/>] (and by the kernel to net.core.rmem_max).
/// The <see cref="Headroom"/> lets the buffer ride out a stall of the serving thread up to that many
/// bounds: what then waited too long is dropped as stale, counted, at the cost of a read, instead of
/// by the kernel, uncounted (measured: without it, 0.45–0.92 % of 100 000/s lost on a loaded machine).
/// </summary>
public static class ReceiveBufferSizing
{
    /// <summary>The kernel's charge for one 48-byte UDP datagram on loopback (Linux 6.18, x86-64: 832 000 bytes for 1 000 queued, /proc/net/udp rx_queue).</summary>
    public const int DatagramTruesize = 832;

    /// <summary>The kernel's default (net.core.rmem_default): 256 datagrams at the true size above.</summary>
    public const int MinimumBytes = 212_992;

    /// <summary>16 MiB: a 25 ms bound at 400 000/s.</summary>
    public const int MaximumBytes = 16 << 20;

    /// <summary>Room for this many bounds' worth of requests.</summary>
    public const int Headroom = 4;

    /// <summary>The rate assumed before the worker has measured its own: about one core's worth (docs/performance.md).</summary>
    public const double InitialRatePerSecond = 250_000;

    /// <summary>The SO_RCVBUF value for a worker that can read <paramref name="ratePerSecond"/> requests a second.</summary>
    public static int Bytes(double ratePerSecond, RequestAge bound)
    {
        double bytes = Headroom * Math.Max(0, ratePerSecond) * bound.MaxSeconds * DatagramTruesize / 2;
        return (int)Math.Clamp(Math.Ceiling(bytes), MinimumBytes, MaximumBytes);
    }

    /// <summary>True when the size in force is more than 25 % away from the wanted one (a smaller change is not worth a system call).</summary>
    public static bool WorthChanging(int current, int wanted) => Math.Abs(wanted - current) > current / 4;
}
