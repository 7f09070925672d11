using System.Globalization;
using System.Text;
using Meridian.Commands.Traffic;
using Meridian.Control;
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
        Line(text, "discipline", sync.Discipline.ToString());
        Line(text, "uptime", Uptime(report.UptimeSeconds));
        Line(text, "received", Invariant($"{counters.Received}"));
        Line(text, "served", Invariant($"{counters.Served}"));
        Line(text, "dropped", Dropped(counters));
        Line(text, "kods sent", Invariant($"{counters.KodsSent}"));
        Line(text, "interleaved", Invariant($"{counters.Interleaved}"));
        Line(text, "transmit error", TransmitError(counters.TransmitErrors));
        Line(text, "traffic", Invariant($"{counters.BytesReceived} bytes in, {counters.BytesSent} bytes out (IP + UDP + NTP), {TrafficText.Clients(counters.Clients)}"));
        if (report.Clients is ClientTableStats clients)
        {
            Line(text, "client table", Invariant($"{clients.Tracked} of {clients.Capacity} slots, {clients.Evictions} evictions"));
        }

        if (report.Runtime is RuntimeStats runtime)
        {
            Line(text, "gc", Invariant($"{runtime.Gen0Collections}/{runtime.Gen1Collections}/{runtime.Gen2Collections} collections (gen 0/1/2), {runtime.AllocatedBytes / 1048576.0:0.0} MiB allocated"));
        }
        return text.ToString();
    }

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

    /// <summary>Kernel transmit time − T3 of the basic replies: "mean 2.1 µs, p99 ≤ 4 µs, max 35.0 µs (1234 replies)", or "-" before the first.</summary>
    private static string TransmitError(TransmitErrorSummary errors) => errors.Count == 0 ? "-"
        : Invariant($"mean {errors.MeanMicroseconds:0.0} µs, p99 ≤ {errors.P99Microseconds:0.#} µs, max {errors.MaxMicroseconds:0.0} µs ({errors.Count} replies)");

    private static void Line(StringBuilder text, string label, string value) =>
        text.Append((label + ":").PadRight(LabelWidth)).Append(value).Append('\n');

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
