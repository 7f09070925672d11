using System.Globalization;
using Meridian.Control;

namespace Meridian.Hosting;

/// <summary>
/// The service manager's view of a running server (sd_notify): READY=1 once the sockets are bound
/// and the first state is published, STATUS= whenever the one-line state changes, WATCHDOG=1 only
/// while every serving loop and the sync loop go round (a stuck loop stops the pings, and systemd
/// restarts the service), RELOADING=1 around a reload, STOPPING=1 at the end. Without systemd
/// (no NOTIFY_SOCKET) it only paces the main thread's periodic work.
/// </summary>
public sealed class ServiceSupervisor(SystemdNotifier notifier, LoopWatchdog watchdog, TimeSpan? watchdogInterval, Func<ServedState> served)
{
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(10);
    private string? _status;

    /// <summary>How long the main thread may sleep between <see cref="Tick"/>s.</summary>
    public TimeSpan TickInterval => watchdogInterval is TimeSpan ping && ping < StatusInterval ? ping : StatusInterval;

    public void Ready() => notifier.Ready(_status = StatusLine(served()));

    /// <summary>Feeds the watchdog when every loop moved; returns the loops that did not (logged by the caller).</summary>
    public List<string> Tick()
    {
        string status = StatusLine(served());
        if (status != _status)
        {
            notifier.Status(_status = status);
        }

        List<string> stuck = watchdogInterval is null ? [] : watchdog.Check();
        if (watchdogInterval is not null && stuck.Count == 0)
        {
            notifier.Watchdog();
        }

        return stuck;
    }

    public T Reloading<T>(Func<T> reload)
    {
        notifier.Reloading();
        T result = reload();
        Ready();
        return result;
    }

    public void Stopping() => notifier.Stopping();

    /// <summary>What <c>systemctl status</c> shows: what clients get now.</summary>
    public static string StatusLine(ServedState served) => served switch
    {
        { Stratum: >= 16 } => "unsynchronized: clients are told so (leap 3)",
        { LocalClock: true } => string.Create(CultureInfo.InvariantCulture, $"not synchronized to an upstream; clients get the local clock at stratum {served.Stratum}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"synchronized to {served.ReferenceId}; clients get stratum {served.Stratum}"),
    };
}
