using Meridian.Core.Serving;
using Meridian.Core.Sync;
using Meridian.Protocol;

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

    /// <summary>The reference time (the last clock update) in UTC, as chronyc shows it; null before the first.</summary>
    public string? ReferenceTimeUtc { get; init; }

    /// <summary>The NTS-KE server's figures; null when it is off (no <c>ntsservercert</c>/<c>ntsserverkey</c>).</summary>
    public NtsKeStatus? NtsKe { get; init; }

    /// <summary>Datagrams the kernel dropped for the serving sockets because their receive buffers were full (never received, so not in the counters); null from an older server.</summary>
    public long? KernelDrops { get; init; }

    /// <summary>The addresses served, as ADDR:PORT or [IPv6]:PORT.</summary>
    public IReadOnlyList<string> Listening { get; init; } = [];

    /// <summary>An NTP timestamp as chronyc shows the reference time: "Sun Nov 22 00:00:00.250 2026", UTC.</summary>
    public static string FormatReferenceTime(NtpTimestamp reference, DateTime utcNow) =>
        DateTime.UnixEpoch.AddTicks(reference.ToUnixNanoseconds((utcNow - DateTime.UnixEpoch).Ticks * 100) / 100)
            .ToString("ddd MMM dd HH:mm:ss.fff yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
