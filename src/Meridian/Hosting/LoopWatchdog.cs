namespace Meridian.Hosting;

/// <summary>
/// Decides whether systemd's watchdog may be fed: only when every supervised loop (each serving
/// worker, the sync thread) has gone round since the last check. Each loop counts its own
/// iterations and goes round at least a few times a second even when idle, so a count that
/// stands still means a stuck loop, and then the pings stop and systemd restarts the service.
/// </summary>
public sealed class LoopWatchdog(IReadOnlyList<(string Name, Func<long> Iterations)> loops)
{
    private readonly long[] _seen = loops.Select(l => l.Iterations()).ToArray();

    /// <summary>The loops that have not moved since the previous call (empty: all are alive).</summary>
    public List<string> Check()
    {
        var stuck = new List<string>();
        for (int i = 0; i < loops.Count; i++)
        {
            long now = loops[i].Iterations();
            if (now == _seen[i])
            {
                stuck.Add(loops[i].Name);
            }

            _seen[i] = now;
        }

        return stuck;
    }

    /// <summary>The ping interval for systemd's WATCHDOG_USEC: half of it, as sd_watchdog_enabled(3) advises; null when the watchdog is off or not ours.</summary>
    public static TimeSpan? Interval(string? watchdogMicroseconds, string? watchdogPid, int processId)
    {
        if (!long.TryParse(watchdogMicroseconds, out long usec) || usec <= 0)
        {
            return null;
        }

        if (watchdogPid is not null && (!int.TryParse(watchdogPid, out int pid) || pid != processId))
        {
            return null;
        }

        return TimeSpan.FromMicroseconds(usec / 2.0);
    }
}
