using System.Diagnostics;
using Meridian.Control;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Net;
using Meridian.Core.Analysis;

namespace Meridian.Hosting;

/// <summary>
/// The one source of the running server's figures: the control socket (<c>meridian status</c>,
/// <c>clients</c>), the metrics endpoint, the dashboard and the history sampler all read it. It only
/// reads what the sync and serving threads already publish; nothing here touches the serving path.
/// </summary>
public sealed class StatusSource(SyncLoop sync, ServerStateCell state, ServingEngine engine, string controlSocket, IReadOnlyList<string> listening, NtsKeHost? ntsKe = null)
{
    private readonly Stopwatch _uptime = Stopwatch.StartNew();

    /// <summary>
    /// The once-a-second history sample: only the figures the history records (sync state, counters,
    /// uptime), none of the rest, which costs a pass over the client tables, /proc reads and strings.
    /// </summary>
    public StatusReport Sample() => new(sync.Snapshot, engine.Counters(), _uptime.Elapsed.TotalSeconds, controlSocket);

    /// <summary>What clients get in replies now (for systemd's STATUS= line).</summary>
    public ServedState Served() => ServedState.From(state.Current.State, sync.Snapshot);

    public ClientsReportDocument Clients(int top) =>
        new("the running server", ClientTableReport.Report(engine.Limiters, RealtimeClock.ReadLocal().Monotonic, top));

    /// <summary>Everything <c>meridian status</c> shows, the client mix included (one pass over the client tables).</summary>
    public StatusReport Report()
    {
        IReadOnlyList<RateLimiter> limiters = engine.Limiters;
        var tables = new ClientTableStats(
            limiters.Sum(l => l.Table.Occupancy),
            limiters.Sum(l => (long)l.Table.Capacity),
            limiters.Sum(l => l.Table.Evictions))
        {
            Mix = ClientMix.Measure(limiters.Select(l => l.Table)),
        };
        SyncSnapshot snapshot = sync.Snapshot;
        return new StatusReport(snapshot, engine.Counters(), _uptime.Elapsed.TotalSeconds, controlSocket)
        {
            Served = ServedState.From(state.Current.State, snapshot),
            ReferenceTimeUtc = snapshot.ReferenceTime is Meridian.Protocol.NtpTimestamp reference ? StatusReport.FormatReferenceTime(reference, DateTime.UtcNow) : null,
            Clients = tables,
            Runtime = RuntimeStats.Now(),
            Listening = listening,
            KernelDrops = engine.KernelDrops(),
            NtsKe = ntsKe?.Status(),
        };
    }
}
