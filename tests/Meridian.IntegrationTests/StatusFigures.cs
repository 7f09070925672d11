using System.Diagnostics;
using System.Text.Json;
using Meridian.Control;
using Meridian.Core.Serving;

namespace Meridian.IntegrationTests;

/// <summary>
/// The figures <c>meridian status --json</c> shows, each with the /metrics series that must carry it
/// (in base units). Two status readings bracket a scrape: each scraped value must lie between them.
/// </summary>
internal static class StatusFigures
{
    public static StatusReport Read(string socket)
    {
        var result = MeridianCli.Run("status", "--socket", socket, "--json");
        Assert.True(result.ExitCode == 0, result.All);
        return JsonSerializer.Deserialize<StatusReport>(result.Output, ControlJson.Compact)!;
    }

    /// <summary>(series, labels, value) for every figure of the report.</summary>
    public static IEnumerable<(string Series, string[] Labels, double Value)> Of(StatusReport r)
    {
        yield return ("meridian_system_offset_seconds", [], r.Sync.OffsetMs / 1e3);
        yield return ("meridian_system_frequency_ppm", [], r.Sync.FrequencyPpm);
        yield return ("meridian_system_skew_ppm", [], r.Sync.SkewPpm ?? 0);
        yield return ("meridian_system_rms_offset_seconds", [], r.Sync.RmsOffsetMs / 1e3);
        yield return ("meridian_system_update_interval_seconds", [], r.Sync.UpdateIntervalSeconds ?? 0);
        yield return ("meridian_system_root_delay_seconds", [], r.Sync.RootDelayMs / 1e3);
        yield return ("meridian_system_root_dispersion_seconds", [], r.Sync.RootDispersionMs / 1e3);
        yield return ("meridian_system_stratum", [], r.Sync.Stratum);
        yield return ("meridian_system_leap_indicator", [], (int)r.Sync.Leap);
        yield return ("meridian_server_received_packets_total", [], r.Counters.Received);
        yield return ("meridian_server_served_packets_total", [], r.Counters.Served);
        yield return ("meridian_server_kod_sent_total", [], r.Counters.KodsSent);
        yield return ("meridian_server_nts_authenticated_packets_total", [], r.Counters.NtsAuthenticated);
        yield return ("meridian_server_nts_nak_packets_total", [], r.Counters.NtsNaks);
        yield return ("meridian_server_received_bytes_total", [], r.Counters.BytesReceived);
        yield return ("meridian_server_sent_bytes_total", [], r.Counters.BytesSent);
        yield return ("meridian_server_clients", [], r.Counters.Clients.Value);
        yield return ("meridian_server_interleaved_packets_total", [], r.Counters.Interleaved);
        yield return ("meridian_server_kernel_dropped_packets_total", [], r.KernelDrops ?? 0);
        yield return ("meridian_server_transmit_error_samples_total", [], r.Counters.TransmitErrors.Count);
        yield return ("meridian_server_transmit_error_seconds", ["statistic=mean"], r.Counters.TransmitErrors.MeanMicroseconds / 1e6);
        yield return ("meridian_server_transmit_error_replies_total", ["at_most_microseconds=+Inf"], r.Counters.TransmitErrors.Count);
        foreach ((DropReason reason, long count) in r.Counters.Drops)
        {
            yield return ("meridian_server_dropped_packets_total", [$"reason={Metrics.MeridianInstruments.LabelValue(reason.ToString())}"], count);
        }

        if (r.NtsKe is NtsKeStatus nts)
        {
            yield return ("meridian_ntske_connections_total", [], nts.Connections);
            yield return ("meridian_ntske_handshakes_total", [], nts.Handshakes);
            yield return ("meridian_ntske_accepted_total", [], nts.Accepted);
            yield return ("meridian_ntske_cookies_issued_total", [], nts.CookiesIssued);
            yield return ("meridian_ntske_open_connections", [], nts.Active);
            foreach ((string reason, long count) in nts.Refusals)
            {
                yield return ("meridian_ntske_refused_total", [$"reason={reason}"], count);
            }

            foreach ((string problem, long count) in nts.BadRequests)
            {
                yield return ("meridian_ntske_bad_requests_total", [$"problem={problem}"], count);
            }
        }

        yield return ("meridian_client_table_clients", [], r.Clients!.Tracked);
        yield return ("meridian_client_table_capacity", [], r.Clients.Capacity);
        yield return ("meridian_client_table_evictions_total", [], r.Clients.Evictions);
        yield return ("meridian_client_table_top_share_ratio", ["top=1"], r.Clients.Mix!.Top1Share);
        yield return ("meridian_client_table_top_share_ratio", ["top=10"], r.Clients.Mix.Top10Share);
        yield return ("meridian_client_table_top_share_ratio", ["top=100"], r.Clients.Mix.Top100Share);
        yield return ("meridian_client_table_poll_interval_clients", ["interval_at_most=+Inf"], r.Clients.Mix.PollIntervalAtMost[^1]);
        yield return ("meridian_runtime_gc_collections_total", ["generation=0"], r.Runtime!.Gen0Collections);
        yield return ("meridian_runtime_gc_collections_total", ["generation=2"], r.Runtime.Gen2Collections);
        yield return ("meridian_runtime_allocated_bytes_total", [], r.Runtime.AllocatedBytes);
        foreach (var source in r.Sync.Sources)
        {
            yield return ("meridian_source_offset_seconds", [$"source={source.Remote}"], source.OffsetMs / 1e3);
            yield return ("meridian_source_delay_seconds", [$"source={source.Remote}"], source.DelayMs / 1e3);
            yield return ("meridian_source_jitter_seconds", [$"source={source.Remote}"], source.JitterMs / 1e3);
            yield return ("meridian_source_reach", [$"source={source.Remote}"], source.Reach);
            yield return ("meridian_source_poll_interval_seconds", [$"source={source.Remote}"], source.PollSeconds);
        }
    }

    /// <summary>Waits (at most 30 s) until the upstream has answered, so the source plots have data.</summary>
    public static void WaitForSourceSample(string socket)
    {
        var deadline = Stopwatch.StartNew();
        StatusReport report = StatusFigures.Read(socket);
        while (report.Sync.Sources.All(s => s.WhenSeconds is null) && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(250); // polling a condition with a deadline
            report = StatusFigures.Read(socket);
        }

        Assert.True(report.Sync.Sources.Any(s => s.WhenSeconds is not null), "the upstream never answered");
    }
}
