using System.Diagnostics;
using System.Text.Json;

namespace Meridian.IntegrationTests;

/// <summary>A real Prometheus server (Debian's package) on a loopback port scraping the given endpoints every second; stopped by its PID.</summary>
internal sealed class PrometheusServer : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly Uri _api;

    private PrometheusServer(Process process, string directory, Uri api)
    {
        _process = process;
        _directory = directory;
        _api = api;
    }

    public static PrometheusServer Start(IEnumerable<Uri> targets)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"meridian-prometheus-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        string config = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(config, $$"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: meridian
                static_configs:
                  - targets: [{{string.Join(", ", targets.Select(t => $"'{t.Authority}'"))}}]
            """);
        int port = FreePort.Tcp();
        var start = new ProcessStartInfo(ExternalTool.Require("prometheus")) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in new[] { $"--config.file={config}", $"--storage.tsdb.path={directory}/data", $"--web.listen-address=127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Evaluates <paramref name="query"/> until it returns <paramref name="expected"/> (at most 60 s); returns the last value.</summary>
    public string WaitForValue(string query, string expected)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        string? last = null;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60) && last != expected)
        {
            Assert.False(_process.HasExited, "prometheus exited");
            try
            {
                string body = http.GetStringAsync(new Uri(_api, $"api/v1/query?query={Uri.EscapeDataString(query)}")).GetAwaiter().GetResult();
                JsonElement result = JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("result");
                last = result.GetArrayLength() == 1 ? result[0].GetProperty("value")[1].GetString() : null;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (last != expected)
            {
                Thread.Sleep(500); // polling Prometheus with a deadline: it scrapes once a second
            }
        }

        Assert.True(last == expected, $"{query} = {last ?? "(no result)"} after 60 s, expected {expected}");
        return last!;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
