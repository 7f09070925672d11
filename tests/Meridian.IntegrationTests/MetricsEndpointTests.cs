using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Meridian.Control;
using Xunit.Abstractions;

namespace Meridian.IntegrationTests;

/// <summary>The metrics endpoint as Prometheus and promtool see it, and as <c>meridian status</c> tells it.</summary>
public class MetricsEndpointTests(ITestOutputHelper output)
{
    [Fact]
    public void PrometheusScrapingTwoServers_SumsTheRepliesTheTestReceived()
    {
        using var a = MonitoredServer.Start();
        using var b = MonitoredServer.Start();
        int repliesA = NtpRequests.Exchange(a.Ntp, 7);
        int repliesB = NtpRequests.Exchange(b.Ntp, 11);
        Assert.Equal((7, 11), (repliesA, repliesB));

        using var prometheus = PrometheusServer.Start([a.Http, b.Http]);
        string sum = prometheus.WaitForValue("sum(meridian_server_served_packets_total)", "18");
        output.WriteLine($"sum over 2 instances: {sum}");
        Assert.Equal("2", prometheus.WaitForValue("count(up{job=\"meridian\"} == 1)", "2"));
    }

    [Fact]
    public void PromtoolCheckMetrics_AcceptsTheScrape()
    {
        using var server = MonitoredServer.Start("restrict default kod limited");
        NtpRequests.Send(server.Ntp, 30);
        NtpRequests.SendShort(server.Ntp, 3);
        string file = Path.Combine(Path.GetTempPath(), $"meridian-metrics-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, MetricsText.Scrape(server.Http).Text);
        var check = ExternalTool.Run(ExternalTool.Require("sh"), ["-c", $"{ExternalTool.Require("promtool")} check metrics < {file}"], TimeSpan.FromSeconds(30));
        File.Delete(file);
        Assert.True(check.ExitCode == 0 && check.All.Trim().Length == 0, check.All);
    }

    [Fact]
    public async Task OpenMetrics_IsAnsweredWhenTheScraperAsks()
    {
        using var server = MonitoredServer.Start();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Http, "metrics"));
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");
        using var response = await http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("application/openmetrics-text", response.Content.Headers.ContentType!.ToString());
        Assert.EndsWith("# EOF\n", body);
    }

    [Fact]
    public void EveryStatusFigure_IsInMetricsAtTheSameMoment()
    {
        using var upstream = new FakeUpstream(clockError: 0.002);
        using var server = MonitoredServer.Start($"restrict default kod limited\nserver 127.0.0.1 port {upstream.Port} iburst");
        StatusFigures.WaitForSourceSample(server.Socket);
        NtpRequests.Send(server.Ntp, 25);
        NtpRequests.SendShort(server.Ntp, 4);
        StatusReport before = StatusFigures.Read(server.Socket);
        MetricsText scraped = MetricsText.Scrape(server.Http);
        StatusReport after = StatusFigures.Read(server.Socket);

        var later = StatusFigures.Of(after).ToList();
        int compared = 0;
        foreach (var ((series, labels, first), (_, _, last)) in StatusFigures.Of(before).Zip(later))
        {
            double value = scraped.Value(series, labels);
            double slack = 1e-12 * Math.Max(1, Math.Abs(first));
            Assert.True(value >= Math.Min(first, last) - slack && value <= Math.Max(first, last) + slack,
                $"{series}{{{string.Join(",", labels)}}} = {value} in /metrics, {first} then {last} in status");
            compared++;
        }

        output.WriteLine($"{compared} figures compared; served {after.Counters.Served}, dropped {after.Counters.DroppedTotal}, kods {after.Counters.KodsSent}");
        Assert.True(after.Counters.Served > 0 && after.Counters.DroppedTotal > 0 && after.Sync.Sources.Count > 0, "the load gave nothing to compare");
    }

    [Fact]
    public async Task NtsKeFigures_AreInMetrics_AsStatusShowsThem()
    {
        using var certificates = new Meridian.Net.Tests.Nts.TestCertificates();
        using var other = new Meridian.Net.Tests.Nts.TestCertificates("other");
        int ntsPort = FreePort.Tcp();
        using var server = MonitoredServer.Start($"ntsservercert {certificates.CertFile}\nntsserverkey {certificates.KeyFile}\nntsport {ntsPort}");
        var client = new Meridian.Net.Nts.NtsKeClientOptions { Host = "localhost", Address = System.Net.IPAddress.Loopback, Port = ntsPort, TrustedCertificates = certificates.Trust() };
        Assert.True((await Meridian.Net.Nts.NtsKeClient.ExchangeAsync(client)).Succeeded);
        Assert.False((await Meridian.Net.Nts.NtsKeClient.ExchangeAsync(client with { TrustedCertificates = other.Trust() })).Succeeded);
        SpinWait.SpinUntil(() => StatusFigures.Read(server.Socket).NtsKe is { Active: 0, RefusedTotal: 1 }, TimeSpan.FromSeconds(30));

        StatusReport status = StatusFigures.Read(server.Socket);
        MetricsText scraped = MetricsText.Scrape(server.Http);

        Assert.Equal(8, status.NtsKe!.CookiesIssued);
        Assert.Equal(1, status.NtsKe.Refusals["tls"]);
        var figures = StatusFigures.Of(status).Where(f => f.Series.StartsWith("meridian_ntske_", StringComparison.Ordinal)).ToList();
        Assert.True(figures.Count > 10);
        Assert.All(figures, f => Assert.True(f.Value == scraped.Value(f.Series, f.Labels), $"{f.Series}{{{string.Join(",", f.Labels)}}}: {scraped.Value(f.Series, f.Labels)} in /metrics, {f.Value} in status"));
    }

    [Fact]
    public void HistoryJson_OverTheControlSocket_HasOneRowASecond()
    {
        using var server = MonitoredServer.Start();
        NtpRequests.Exchange(server.Ntp, 5);
        JsonElement seconds = default;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            var result = MeridianCli.Run("history", "--socket", server.Socket, "--json");
            Assert.True(result.ExitCode == 0, result.All);
            seconds = JsonDocument.Parse(result.Output).RootElement.GetProperty("seconds").Clone();
            if (seconds.GetProperty("time").GetArrayLength() >= 3)
            {
                break;
            }

            Thread.Sleep(500); // polling a condition with a deadline: the sampler writes once a second
        }

        long[] times = [.. seconds.GetProperty("time").EnumerateArray().Select(t => t.GetInt64())];
        Assert.True(times.Length >= 3, $"{times.Length} rows after 20 s");
        Assert.All(times.Zip(times.Skip(1)), p => Assert.InRange(p.Second - p.First, 1, 2));
        double served = seconds.GetProperty("servedPerSecond").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Sum(v => v.GetDouble());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{times.Length} rows, served/s summed {served}"));
        var text = MeridianCli.Run("history", "--socket", server.Socket);
        Assert.Contains("seconds:", text.Output);
    }
}
