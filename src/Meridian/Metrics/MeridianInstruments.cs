using System.Diagnostics.Metrics;
using System.Reflection;
using Meridian.Control;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;
using Meridian.Core.Leap;
using Meridian.Core.Sync;

namespace Meridian.Metrics;

/// <summary>
/// Every instrument, defined once: <see cref="System.Diagnostics.Metrics"/> observable instruments
/// that read one <see cref="StatusReport"/> (the one <c>meridian status</c> shows) when a listener
/// collects — the Prometheus exporter at each scrape, or <c>dotnet-counters</c>. Nothing is counted
/// on the serving path. Names become Prometheus names by the exporter's rules (dots to underscores,
/// the unit <c>s</c> as <c>_seconds</c>, <c>By</c> as <c>_bytes</c>, <c>_total</c> on counters).
/// </summary>
public sealed class MeridianInstruments : IDisposable
{
    public const string MeterName = "Meridian";

    /// <summary>A reading older than this is refreshed by a collector that did not <see cref="Capture"/> (dotnet-counters).</summary>
    private const long StaleAfterMs = 500;

    private readonly Func<StatusReport> _report;
    private readonly Meter _meter;
    private Stamped? _reading;

    public MeridianInstruments(Func<StatusReport> report)
    {
        _report = report;
        _meter = new Meter(MeterName, Version);
        DefineSystem();
        DefineLeap();
        DefineSources();
        DefineServer();
        DefineClientTable();
        DefineNtsKe();
        DefineRuntime();
    }

    public static string Version { get; } =
        typeof(MeridianInstruments).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Takes the reading the next collection reports, so every figure of one scrape comes from one moment.</summary>
    public StatusReport Capture()
    {
        StatusReport report = _report();
        Volatile.Write(ref _reading, new Stamped(report, Environment.TickCount64));
        return report;
    }

    public void Dispose() => _meter.Dispose();

    /// <summary>Prometheus label values are snake_case: RateLimited → rate_limited, LengthNotMultipleOf4 → length_not_multiple_of_4.</summary>
    public static string LabelValue(string name) =>
        string.Concat(name.Select((c, i) => (i > 0 && (char.IsUpper(c) || (char.IsDigit(c) && !char.IsDigit(name[i - 1]))) ? "_" : "") + char.ToLowerInvariant(c)));

    private StatusReport Reading()
    {
        Stamped? reading = Volatile.Read(ref _reading);
        return reading is not null && Environment.TickCount64 - reading.At <= StaleAfterMs ? reading.Report : Capture();
    }

    private void Gauge(string name, string? unit, string description, Func<StatusReport, double> value) =>
        _meter.CreateObservableGauge(name, () => value(Reading()), unit, description);

    private void Gauges(string name, string? unit, string description, Func<StatusReport, IEnumerable<Measurement<double>>> values) =>
        _meter.CreateObservableGauge(name, () => values(Reading()), unit, description);

    private void Counter(string name, string? unit, string description, Func<StatusReport, long> value) =>
        _meter.CreateObservableCounter(name, () => value(Reading()), unit, description);

    private void Counters(string name, string? unit, string description, Func<StatusReport, IEnumerable<Measurement<long>>> values) =>
        _meter.CreateObservableCounter(name, () => values(Reading()), unit, description);

    private void DefineSystem()
    {
        Gauges("meridian.build.info", null, "Always 1; the version in a label.", _ => [new(1, new KeyValuePair<string, object?>("version", Version))]);
        Gauge("meridian.uptime", "s", "Seconds since the server started.", r => r.UptimeSeconds);
        Gauge("meridian.system.offset", "s", "Offset of the served clock from the combined sources (status: offset).", r => r.Sync.OffsetMs / 1e3);
        Gauge("meridian.system.frequency_ppm", null, "Frequency correction of the served clock in parts per million (status: frequency).", r => r.Sync.FrequencyPpm);
        Gauge("meridian.system.skew_ppm", null, "Estimated error bound of the frequency, from the system peer's fit (status: skew; 0 until known).", r => r.Sync.SkewPpm ?? 0);
        Gauge("meridian.system.rms_offset", "s", "Long-term RMS of the offsets the clock was corrected by (status: rms offset).", r => r.Sync.RmsOffsetMs / 1e3);
        Gauge("meridian.system.update_interval", "s", "Seconds between the last two clock updates (status: update interval; 0 until known).", r => r.Sync.UpdateIntervalSeconds ?? 0);
        Gauge("meridian.system.root_delay", "s", "Root delay served to clients.", r => r.Sync.RootDelayMs / 1e3);
        Gauge("meridian.system.root_dispersion", "s", "Root dispersion served to clients.", r => r.Sync.RootDispersionMs / 1e3);
        Gauge("meridian.system.stratum", null, "Stratum served to clients (16: unsynchronized).", r => r.Sync.Stratum);
        Gauge("meridian.system.leap_indicator", null, "Leap indicator served: 0 none, 1 insert, 2 delete, 3 unsynchronized.", r => (int)r.Sync.Leap);
        Gauge("meridian.system.synchronized", null, "1 when the clock discipline is synchronized to a source, else 0.", r => r.Sync.Discipline == DisciplineState.Sync ? 1 : 0);
    }

    private void DefineLeap()
    {
        Gauges("meridian.leap.file_expiry_timestamp", "s", "Expiry of the leap file (#@) in Unix seconds (status: leap file; absent without a file).", r =>
            r.Sync.LeapSecond.FileExpires is { } expires ? [new(LeapCalendar.ToUnixSeconds(expires))] : []);
        Gauge("meridian.leap.file_usable", null, "1 when the leap file's hash is verified and it has not expired (it decides leap seconds), else 0.", r =>
            r.Sync.LeapSecond is { FileUsable: true, FileExpiry: not LeapFileExpiry.Expired } ? 1 : 0);
        Gauge("meridian.leap.next_timestamp", "s", "The next leap second (00:00:00 UTC after it) in Unix seconds, 0 when none is known (status: next leap).", r =>
            r.Sync.LeapSecond.Next is { } next ? LeapCalendar.ToUnixSeconds(next.At) : 0);
        Gauge("meridian.leap.next_seconds", null, "The next leap: 1 inserted, -1 deleted, 0 none known.", r => r.Sync.LeapSecond.Next?.Seconds ?? 0);
        Gauges("meridian.leap.source.info", null, "Always 1; where the leap decision comes from in a label: File, Upstreams or None.", r =>
            [new(1, new KeyValuePair<string, object?>("source", r.Sync.LeapSecond.Source.ToString()))]);
        Gauge("meridian.leap.announced", null, "1 while a leap second is announced to clients (leap indicator 1 or 2), else 0.", r => r.Sync.LeapSecond.Announced ? 1 : 0);
        Gauge("meridian.leap.smearing", null, "1 while a leap second is being smeared (leapsmear), else 0.", r => r.Sync.LeapSecond.Smearing ? 1 : 0);
    }

    private void DefineSources()
    {
        Gauges("meridian.source.offset", "s", "Offset of each upstream source.", r => PerSource(r, s => s.OffsetMs / 1e3));
        Gauges("meridian.source.delay", "s", "Round-trip delay of each upstream source.", r => PerSource(r, s => s.DelayMs / 1e3));
        Gauges("meridian.source.jitter", "s", "Jitter of each upstream source.", r => PerSource(r, s => s.JitterMs / 1e3));
        Gauges("meridian.source.poll_interval", "s", "Poll interval of each upstream source.", r => PerSource(r, s => s.PollSeconds));
        Gauges("meridian.source.reach", null, "Reach register of each upstream source (0 to 255; 255: the last 8 polls answered).", r => PerSource(r, s => s.Reach));
        Gauges("meridian.source.stratum", null, "Stratum of each upstream source.", r => PerSource(r, s => s.Stratum));
        Gauges("meridian.source.tally.info", null, "Always 1; the selection tally of each source in a label.", r => r.Sync.Sources.Select(s =>
            new Measurement<double>(1, Source(s), new("tally", LabelValue(s.Tally.ToString())))));
    }

    /// <summary>The NTS-KE server's counters; 0 while it is off.</summary>
    private void DefineNtsKe()
    {
        Counter("meridian.ntske.connections", null, "NTS-KE TCP connections accepted (status: nts-ke).", r => r.NtsKe?.Connections ?? 0);
        Counter("meridian.ntske.handshakes", null, "NTS-KE TLS 1.3 handshakes completed.", r => r.NtsKe?.Handshakes ?? 0);
        Counter("meridian.ntske.accepted", null, "NTS-KE requests answered with cookies.", r => r.NtsKe?.Accepted ?? 0);
        Counter("meridian.ntske.cookies_issued", null, "NTS cookies issued by the NTS-KE server.", r => r.NtsKe?.CookiesIssued ?? 0);
        Gauge("meridian.ntske.open_connections", null, "NTS-KE connections open now.", r => r.NtsKe?.Active ?? 0);
        Counters("meridian.ntske.refused", null, "NTS-KE connections that got no cookies, by reason (status: nts-ke refused).", r =>
            (r.NtsKe?.Refusals ?? new Dictionary<string, long>()).Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("reason", p.Key))));
        Counters("meridian.ntske.bad_requests", null, "NTS-KE requests refused with an Error record, by problem.", r =>
            (r.NtsKe?.BadRequests ?? new Dictionary<string, long>()).Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("problem", p.Key))));
    }

    private void DefineServer()
    {
        Counter("meridian.server.received_packets", null, "Datagrams received on the NTP port (status: received).", r => r.Counters.Received);
        Counter("meridian.server.served_packets", null, "Replies sent (status: served).", r => r.Counters.Served);
        Counters("meridian.server.dropped_packets", null, "Datagrams dropped without a reply, by reason (status: dropped).", r =>
            HistoryColumns.DropReasons.Select(reason => new Measurement<long>(r.Counters.Drops.GetValueOrDefault(reason), new KeyValuePair<string, object?>("reason", LabelValue(reason.ToString())))));
        Counter("meridian.server.kernel_dropped_packets", null, "Datagrams the kernel dropped because a serving socket's receive buffer was full (status: kernel dropped).", r => r.KernelDrops ?? 0);
        Counter("meridian.server.rate_limited_packets", null, "Datagrams dropped by the per-client rate limit.", r => r.Counters.Drops.GetValueOrDefault(DropReason.RateLimited));
        Counter("meridian.server.kod_sent", null, "RATE kiss-o'-death replies sent (status: kods sent).", r => r.Counters.KodsSent);
        Counter("meridian.server.nts_authenticated_packets", null, "NTS requests verified and answered with fresh cookies (status: nts authenticated).", r => r.Counters.NtsAuthenticated);
        Counter("meridian.server.nts_nak_packets", null, "NTS NAKs sent for cookies that did not open (status: nts naks).", r => r.Counters.NtsNaks);
        Counter("meridian.server.received", "By", "Bytes received on the NTP port, IP and UDP headers included.", r => r.Counters.BytesReceived);
        Counter("meridian.server.sent", "By", "Bytes sent from the NTP port, IP and UDP headers included.", r => r.Counters.BytesSent);
        Counter("meridian.server.interleaved_packets", null, "Replies sent in interleaved mode, also counted as served (status: interleaved).", r => r.Counters.Interleaved);
        Counter("meridian.server.transmit_error_samples", null, "Basic replies whose kernel transmit timestamp was read back (status: transmit error).", r => r.Counters.TransmitErrors.Count);
        Gauges("meridian.server.transmit_error", "s", "Kernel transmit time minus the T3 a reply carried: mean, p99 (a bucket bound) and max since start (status: transmit error).", r =>
        [
            Statistic("mean", r.Counters.TransmitErrors.MeanMicroseconds / 1e6),
            Statistic("p99", r.Counters.TransmitErrors.QuantileMicroseconds(0.99) / 1e6),
            Statistic("max", r.Counters.TransmitErrors.MaxMicroseconds / 1e6),
        ]);
        Counters("meridian.server.transmit_error_replies", null, "Basic replies whose transmit error was at most at_most_microseconds (cumulative, like histogram buckets).", r =>
            Cumulative(r.Counters.TransmitErrors.Buckets).Select((count, i) => new Measurement<long>(count, new KeyValuePair<string, object?>("at_most_microseconds",
                i < TransmitErrorHistogram.BoundsMicroseconds.Count ? Bound(TransmitErrorHistogram.BoundsMicroseconds[i]) : "+Inf"))));
        Gauge("meridian.server.clients", null, "Distinct client addresses since start (exact to 8192, then an estimate).", r => r.Counters.Clients.Value);
    }

    private void DefineClientTable()
    {
        Gauge("meridian.client_table.clients", null, "Clients held in the rate limiter's tables.", r => r.Clients?.Tracked ?? 0);
        Gauge("meridian.client_table.capacity", null, "Slots in the rate limiter's tables.", r => r.Clients?.Capacity ?? 0);
        Counter("meridian.client_table.evictions", null, "Clients evicted from a full bucket of the tables.", r => r.Clients?.Evictions ?? 0);
        Gauges("meridian.client_table.poll_interval_clients", null, "Clients in the tables whose request interval is at most interval_at_most seconds (cumulative, like histogram buckets).", r =>
            (r.Clients?.Mix?.PollIntervalAtMost ?? []).Select((count, i) => new Measurement<double>(count, new KeyValuePair<string, object?>("interval_at_most", Bound(ClientMix.PollIntervalBounds[i])))));
        Gauges("meridian.client_table.top_share_ratio", null, "Share of the tables' packets sent by the top N clients (no label names a client).", r => r.Clients?.Mix is { } mix
            ? [Share(1, mix.Top1Share), Share(10, mix.Top10Share), Share(100, mix.Top100Share)]
            : []);
    }

    private void DefineRuntime()
    {
        Counters("meridian.runtime.gc_collections", null, "Garbage collections by generation (status: gc).", r => r.Runtime is { } rt
            ? [Generation(0, rt.Gen0Collections), Generation(1, rt.Gen1Collections), Generation(2, rt.Gen2Collections)]
            : []);
        Counter("meridian.runtime.allocated", "By", "Bytes allocated by the process (status: gc).", r => r.Runtime?.AllocatedBytes ?? 0);
        Gauge("meridian.runtime.threads", null, "Operating-system threads of the process.", r => r.Runtime?.Threads ?? 0);
    }

    private static IEnumerable<Measurement<double>> PerSource(StatusReport report, Func<SourceSnapshot, double> value) =>
        report.Sync.Sources.Select(s => new Measurement<double>(value(s), Source(s)));

    private static KeyValuePair<string, object?> Source(SourceSnapshot s) => new("source", s.Remote);

    private static Measurement<double> Share(int top, double share) => new(share, new KeyValuePair<string, object?>("top", top.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static Measurement<double> Statistic(string statistic, double value) => new(value, new KeyValuePair<string, object?>("statistic", statistic));

    private static IEnumerable<long> Cumulative(IEnumerable<long> buckets)
    {
        long total = 0;
        foreach (long count in buckets)
        {
            total += count;
            yield return total;
        }
    }

    private static Measurement<long> Generation(int generation, long count) => new(count, new KeyValuePair<string, object?>("generation", generation.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static string Bound(double seconds) => double.IsPositiveInfinity(seconds) ? "+Inf" : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Stamped(StatusReport Report, long At);
}
