using System.Globalization;
using System.Text;
using Meridian.Commands.Traffic;
using Meridian.Control;
using Meridian.Core.Leap;
using Meridian.Core.Serving;
using Meridian.Core.Sync;

namespace Meridian.Commands.Status;

/// <summary>The text of <c>meridian status</c>: one "label: value" line per fact.</summary>
public static class StatusText
{
    private const int LabelWidth = 18;

    public static string Format(StatusReport report)
    {
        SyncSnapshot sync = report.Sync;
        ServingCountersSnapshot counters = report.Counters;
        var text = new StringBuilder();
        ServedState? served = report.Served;
        Line(text, "state", served is { LocalClock: true } ? Invariant($"{sync.State}; clients get the local clock at stratum {served.Stratum}") : sync.State);
        Line(text, "system peer", sync.SystemPeer ?? "-");
        Line(text, "stratum", served is { LocalClock: true }
            ? Invariant($"{served.Stratum} (the local clock, reference id {served.ReferenceId})")
            : Invariant($"{served?.Stratum ?? sync.Stratum}"));
        Line(text, "offset", Invariant($"{sync.OffsetMs:+0.000;-0.000;0.000} ms"));
        Line(text, "reference time", report.ReferenceTimeUtc ?? "-");
        Line(text, "rms offset", Invariant($"{sync.RmsOffsetMs:0.000} ms"));
        Line(text, "frequency", Invariant($"{sync.FrequencyPpm:+0.000;-0.000;0.000} ppm"));
        Line(text, "skew", sync.SkewPpm is double skew ? Invariant($"{skew:0.000} ppm") : "-");
        Line(text, "update interval", sync.UpdateIntervalSeconds is double interval ? Invariant($"{interval:0.0} s") : "-");
        Line(text, "root delay", Invariant($"{sync.RootDelayMs:0.000} ms"));
        Line(text, "root dispersion", Invariant($"{sync.RootDispersionMs:0.000} ms"));
        Line(text, "leap", sync.Leap.ToString());
        Line(text, "leap file", LeapFileText(sync.LeapSecond));
        Line(text, "next leap", NextLeapText(sync.LeapSecond));
        Line(text, "discipline", sync.Discipline.ToString());
        Line(text, "uptime", Uptime(report.UptimeSeconds));
        Line(text, "received", Invariant($"{counters.Received}"));
        Line(text, "served", Invariant($"{counters.Served}"));
        Line(text, "dropped", Dropped(counters));
        if (report.KernelDrops is long kernel)
        {
            Line(text, "kernel dropped", Invariant($"{kernel}  (receive buffer full: never read, not in received)"));
        }

        Line(text, "kods sent", Invariant($"{counters.KodsSent}"));
        Line(text, "nts", Invariant($"{counters.NtsAuthenticated} authenticated, {counters.NtsNaks} naks, {counters.Drops.GetValueOrDefault(DropReason.NtsBadAuthenticator)} bad authenticator, {counters.Drops.GetValueOrDefault(DropReason.NtsMalformed)} malformed"));
        Line(text, "interleaved", Invariant($"{counters.Interleaved}"));
        Line(text, "transmit error", TransmitError(counters.TransmitErrors));
        Line(text, "traffic", Invariant($"{counters.BytesReceived} bytes in, {counters.BytesSent} bytes out (IP + UDP + NTP), {TrafficText.Clients(counters.Clients)}"));
        if (report.Clients is ClientTableStats clients)
        {
            Line(text, "client table", Invariant($"{clients.Tracked} of {clients.Capacity} slots, {clients.Evictions} evictions"));
        }

        if (report.NtsKe is NtsKeStatus nts)
        {
            Line(text, "nts-ke", Invariant($"{nts.Connections} connections, {nts.Handshakes} handshakes, {nts.Accepted} answered with {nts.CookiesIssued} cookies, {nts.Active} open"));
            Line(text, "nts-ke refused", Reasons(nts.RefusedTotal, nts.Refusals));
            if (nts.BadRequests.Values.Any(v => v > 0))
            {
                Line(text, "nts-ke bad req.", Reasons(nts.BadRequests.Values.Sum(), nts.BadRequests));
            }

            Line(text, "nts-ke cert", $"{nts.CertificateSubject}, valid to {nts.CertificateNotAfterUtc} UTC ({nts.CertificateFile})");
            if (nts.MasterKeys.Count > 0)
            {
                Line(text, "nts keys", $"{string.Join(", ", nts.MasterKeys)}; issuing with the first ({nts.KeyFile ?? "in memory only: no ntsdumpdir"})");
            }
        }

        if (report.Runtime is RuntimeStats runtime)
        {
            Line(text, "gc", Invariant($"{runtime.Gen0Collections}/{runtime.Gen1Collections}/{runtime.Gen2Collections} collections (gen 0/1/2), {runtime.AllocatedBytes / 1048576.0:0.0} MiB allocated"));
        }
        return text.ToString();
    }

    /// <summary>"PATH (hash verified, expires 2027-06-28)", with why it is not used when it is not.</summary>
    public static string LeapFileText(LeapSnapshot leap)
    {
        if (leap.FilePath is null)
        {
            return "none";
        }

        string expiry = leap.FileExpires is { } expires ? Date(expires) : "no expiry line";
        string state = leap switch
        {
            { FileHash: null } => "not readable",
            { FileHash: not LeapHashCheck.Verified } => $"hash {leap.FileHash.ToString()!.ToLowerInvariant()}: not used",
            { FileUsable: false } => "damaged: not used",
            { FileExpiry: LeapFileExpiry.Expired } => $"hash verified, expired {expiry}: not used",
            { FileExpiry: LeapFileExpiry.ExpiresSoon } => $"hash verified, expires {expiry}: update it soon",
            _ => $"hash verified, expires {expiry}",
        };
        return $"{leap.FilePath} ({state})";
    }

    /// <summary>"insertion at 2026-12-31 23:59:60 UTC (from the file), announced", or "none known (file)".</summary>
    public static string NextLeapText(LeapSnapshot leap)
    {
        string source = leap.Source.ToString().ToLowerInvariant();
        if (leap.Next is not LeapEvent next)
        {
            return leap.Source == LeapSource.None ? "none known" : $"none known ({source})";
        }

        string when = next.Seconds > 0
            ? LeapCalendar.ToUtc(next.At).AddSeconds(-1).ToString("yyyy-MM-dd '23:59:60 UTC'", CultureInfo.InvariantCulture)
            : LeapCalendar.ToUtc(next.At).AddSeconds(-1).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        string state = leap.Smearing ? "smearing now" : leap.Announced ? "announced" : "not announced yet";
        return $"{(next.Seconds > 0 ? "insertion" : "deletion")} {when} (from the {source}), {state}";
    }

    private static string Date(Protocol.NtpTimestamp timestamp) => LeapCalendar.ToUtc(timestamp).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"1h 02m 03s"; days when there are any, only seconds under a minute.</summary>
    public static string Uptime(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Max(0, Math.Floor(seconds)));
        return span.Days > 0 ? Invariant($"{span.Days}d {span.Hours:00}h {span.Minutes:00}m {span.Seconds:00}s")
            : span.Hours > 0 ? Invariant($"{span.Hours}h {span.Minutes:00}m {span.Seconds:00}s")
            : span.Minutes > 0 ? Invariant($"{span.Minutes}m {span.Seconds:00}s")
            : Invariant($"{span.Seconds}s");
    }

    /// <summary>The total, then the nonzero reasons, largest first.</summary>
    private static string Dropped(ServingCountersSnapshot counters)
    {
        var reasons = counters.Drops.Where(d => d.Value > 0)
            .OrderByDescending(d => d.Value)
            .ThenBy(d => d.Key)
            .Select(d => Invariant($"{d.Key} {d.Value}"))
            .ToList();
        string total = Invariant($"{counters.DroppedTotal}");
        return reasons.Count == 0 ? total : $"{total}  ({string.Join(", ", reasons)})";
    }

    /// <summary>The total, then the nonzero reasons, largest first.</summary>
    private static string Reasons(long total, IReadOnlyDictionary<string, long> reasons)
    {
        var nonzero = reasons.Where(r => r.Value > 0).OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => Invariant($"{r.Key} {r.Value}")).ToList();
        return nonzero.Count == 0 ? Invariant($"{total}") : Invariant($"{total}  ({string.Join(", ", nonzero)})");
    }

    /// <summary>Kernel transmit time − T3 of the basic replies: "mean 2.1 µs, p99 ≤ 4 µs, max 35.0 µs (1234 replies)", or "-" before the first.</summary>
    private static string TransmitError(TransmitErrorSummary errors) => errors.Count == 0 ? "-"
        : Invariant($"mean {errors.MeanMicroseconds:0.0} µs, p99 ≤ {errors.P99Microseconds:0.#} µs, max {errors.MaxMicroseconds:0.0} µs ({errors.Count} replies)");

    private static void Line(StringBuilder text, string label, string value) =>
        text.Append((label + ":").PadRight(LabelWidth)).Append(value).Append('\n');

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
