using System.Text.Json;
using System.Text.RegularExpressions;

namespace Meridian.IntegrationTests;

/// <summary>The shipped Prometheus configuration, alert rules and Grafana dashboard (docs/monitoring) against promtool and a live scrape.</summary>
public partial class MonitoringFilesTests
{
    private static readonly string Directory = Path.Combine(Root(), "docs", "monitoring");

    [Theory]
    [InlineData("check", "rules", "meridian-alerts.yml")]
    [InlineData("test", "rules", "meridian-alerts.test.yml")]
    [InlineData("check", "config", "prometheus.yml")]
    public void Promtool_AcceptsTheShippedFile(string verb, string kind, string file)
    {
        var result = ExternalTool.Run(ExternalTool.Require("promtool"), [verb, kind, Path.Combine(Directory, file)], TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.All);
    }

    [Fact]
    public void EveryMetricTheRulesAndGrafanaName_IsInALiveScrape()
    {
        using var upstream = new FakeUpstream(clockError: 0.001);
        using var server = MonitoredServer.Start($"restrict default kod limited\nserver 127.0.0.1 port {upstream.Port} iburst");
        StatusFigures.WaitForSourceSample(server.Socket);
        NtpRequests.Send(server.Ntp, 5);
        var scraped = MetricsText.Scrape(server.Http).Names.ToHashSet();
        string grafana = string.Join('\n', JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "grafana-meridian.json"))).RootElement
            .GetProperty("panels").EnumerateArray().SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()));
        string rules = File.ReadAllText(Path.Combine(Directory, "meridian-alerts.yml"));
        var named = MetricName().Matches(grafana + "\n" + rules).Select(m => m.Value).Distinct().ToList();
        var missing = named.Where(n => !scraped.Contains(n) && n != "meridian_leap_file_expiry_timestamp_seconds").ToList();
        Assert.True(named.Count > 15, $"only {named.Count} metric names found");
        Assert.True(missing.Count == 0, "named but not exported: " + string.Join(", ", missing));
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Meridian.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Meridian.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\bmeridian_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
