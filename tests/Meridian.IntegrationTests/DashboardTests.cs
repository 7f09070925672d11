using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Meridian.IntegrationTests;

/// <summary>The dashboard in a real headless browser (Debian's chromium driven by Playwright) over a server under a small bounded load.</summary>
public class DashboardTests(ITestOutputHelper output)
{
    private static readonly string[] Plots =
        ["plot-clock", "plot-source-offset", "plot-source-delay", "plot-source-jitter", "plot-packets", "plot-drops", "plot-clients", "plot-egress"];

    [Fact]
    public async Task Dashboard_DrawsEveryPlotWithData_AndShowsTheFiguresOfStatus()
    {
        using var upstream = new FakeUpstream(clockError: 0.003);
        using var server = MonitoredServer.Start($"restrict default kod limited\nserver 127.0.0.1 port {upstream.Port} iburst minpoll 4 maxpoll 4");
        StatusFigures.WaitForSourceSample(server.Socket);
        for (int second = 0; second < 6; second++)
        {
            var round = Stopwatch.StartNew();
            NtpRequests.Send(server.Ntp, 15); // over the burst: some are rate-limited, some answered with a KoD
            NtpRequests.SendShort(server.Ntp, 2);
            Thread.Sleep(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(Math.Min(round.Elapsed.Ticks, TimeSpan.TicksPerSecond))); // pacing the load, not synchronizing
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExternalTool.Require("chromium"), Args = ["--no-sandbox"] });
        IPage page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1900 } });
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => problems.Add($"page error: {e}");
        await page.GotoAsync(server.Http.ToString());
        await page.WaitForFunctionAsync("() => Number(document.body.dataset.refreshes) >= 1", null, new() { Timeout = 20_000 });

        foreach (string plot in Plots)
        {
            int points = await page.EvaluateAsync<int>(
                "id => plots[id] && document.querySelector('#' + id + ' canvas').width > 0 ? Math.max(0, ...plots[id].data.slice(1).map(s => s.filter(v => v != null).length)) : -1", plot);
            output.WriteLine($"{plot}: {points} points in its fullest series");
            Assert.True(points >= 3, $"{plot} has {points} points");
        }

        Assert.True(await page.EvaluateAsync<bool>("() => plots['plot-packets'].data[2].some(v => v > 0) && plots['plot-drops'].data.length > 1"), "no traffic or drops plotted");

        string before = StatusText(server.Socket);
        await page.EvaluateAsync("() => refresh()");
        string[][] shown = await page.EvaluateAsync<string[][]>("() => Array.from(document.querySelectorAll('.figure')).map(f => [f.dataset.label, f.lastChild.textContent])");
        string after = StatusText(server.Socket);
        CompareWithStatus(shown, before, after);

        string screenshot = Path.Combine(Path.GetTempPath(), "meridian-dashboard.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>Every line that did not change between the two status readings is on the page, word for word.</summary>
    private void CompareWithStatus(string[][] shown, string before, string after)
    {
        Dictionary<string, string> page = shown.ToDictionary(f => f[0], f => f[1]);
        var steady = Lines(before).Intersect(Lines(after)).ToList();
        foreach ((string label, string value) in steady)
        {
            Assert.True(page.TryGetValue(label, out string? onPage) && onPage == value, $"status '{label}: {value}', page '{onPage}'");
        }

        output.WriteLine($"{steady.Count} of {Lines(before).Count()} status lines compared: {string.Join(", ", steady.Select(s => s.Label))}");
        Assert.True(steady.Count >= 12, "too few steady lines to compare");
        Assert.Equal(Lines(before).Select(l => l.Label).Order(), page.Keys.Order());
    }

    private static IEnumerable<(string Label, string Value)> Lines(string status) =>
        status.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (l[..l.IndexOf(':')], l[(l.IndexOf(':') + 1)..].Trim()));

    private static string StatusText(string socket)
    {
        var result = MeridianCli.Run("status", "--socket", socket);
        Assert.True(result.ExitCode == 0, result.All);
        return result.Output;
    }
}
