using Meridian.Core.Serving;
using Meridian.Core.Sync;

namespace Meridian.Control;

/// <summary>The one document the control socket answers, for <c>meridian status</c> and <c>meridian peers</c>.</summary>
public sealed record StatusReport(
    SyncSnapshot Sync,
    ServingCountersSnapshot Counters,
    double UptimeSeconds,
    string ControlSocket)
{
    public ClientTableStats? Clients { get; init; }

    public RuntimeStats? Runtime { get; init; }

    /// <summary>What clients get in replies now (the served stratum, leap and reference id); null from an older server.</summary>
    public ServedState? Served { get; init; }

    /// <summary>The addresses served, as ADDR:PORT or [IPv6]:PORT.</summary>
    public IReadOnlyList<string> Listening { get; init; } = [];
}
