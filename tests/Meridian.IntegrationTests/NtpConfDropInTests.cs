using System.Diagnostics;
using System.Text.Json;

namespace Meridian.IntegrationTests;

/// <summary>
/// ntp.conf as a drop-in: Debian's stock files (tests/fixtures/ntp.conf) check and serve unchanged,
/// every error of a file is reported, and the loopstats/peerstats files Meridian writes are
/// plotted by NTPsec's own ntpviz.
/// </summary>
public sealed class NtpConfDropInTests : IDisposable
{
    private static readonly TimeSpan StatisticsDeadline = TimeSpan.FromSeconds(60);

    private readonly string _dir = Directory.CreateTempSubdirectory("meridian-dropin-").FullName;

    public static TheoryData<string> StockFiles() => new() { "debian-ntp-4.2.8p15.conf", "debian-ntpsec-1.2.2.conf" };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(StockFiles))]
    public void TheStockDebianFile_PassesConfigCheck(string name)
    {
        var result = MeridianCli.Run("config", "check", Fixture(name));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("pool 0.debian.pool.ntp.org iburst", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error:", result.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// The stock file is read byte for byte through <c>includefile</c>; the wrapper adds only a
    /// control socket of the test's own. In a network namespace of its own, so the Debian pools are
    /// never looked up on the real network.
    /// </summary>
    [Theory]
    [MemberData(nameof(StockFiles))]
    public void TheStockDebianFile_StartsAndServes(string name)
    {
        using var ns = new NetworkNamespace();
        string config = MeridianServer.ConfigFile($"includefile {Fixture(name)}\n");
        using var server = MeridianServer.Start(ns, "serve", "--config", config, "--listen", "127.0.0.1:0");
        Assert.False(server.HasExited, server.Log);
        string address = server.Listening.Single().ToString();

        var query = ns.Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", TimeSpan.FromSeconds(60),
            Path.Combine(AppContext.BaseDirectory, "meridian.dll"), "query", address, "--json", "--timeout", "2");

        // Not synchronized (the pools cannot be looked up in here): it answers as ntpd does, with an INIT kiss.
        JsonElement answer = JsonDocument.Parse(query.Output).RootElement.EnumerateArray().Single();
        Assert.True(answer.GetProperty("kiss").GetString() == "INIT", query.All + server.Log);
        Assert.Equal("unsync", answer.GetProperty("leap").GetString());
        Assert.Equal(server.Listening.Single().Port, answer.GetProperty("port").GetInt32());
        Assert.Contains("4 upstream lines", server.Log, StringComparison.Ordinal);
        Assert.Equal(0, server.Stop());
        Assert.DoesNotContain("error:", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigCheck_PrintsEveryErrorWithFileLineAndAHint_AndExits2()
    {
        string config = Path.Combine(_dir, "broken.conf");
        File.WriteAllText(config, "sever a.example.org\nserver b.example.org\nrestrict default frob\ndriftfil /var/lib/ntp/drift\n");

        var result = MeridianCli.Run("config", "check", config);

        Assert.Equal(2, result.ExitCode);
        string[] errors = result.Error.Split('\n').Where(l => l.Contains("error:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, errors.Length);
        Assert.EndsWith($"error: {config}:1: unknown directive 'sever' (did you mean 'server'?)", errors[0], StringComparison.Ordinal);
        Assert.Contains($"{config}:3: unknown restrict flag 'frob'", errors[1], StringComparison.Ordinal);
        Assert.EndsWith($"{config}:4: unknown directive 'driftfil' (did you mean 'driftfile'?)", errors[2], StringComparison.Ordinal);
    }

    [Fact]
    public void TheStatisticsFilesMeridianWrites_AreRenderedByNtpviz()
    {
        string ntpviz = ExternalTool.Require("ntpviz");
        ExternalTool.Require("gnuplot");
        string stats = Directory.CreateDirectory(Path.Combine(_dir, "ntpstats")).FullName;
        string plots = Path.Combine(_dir, "plots");
        using var a = new FakeUpstream(clockError: 0.003);
        using var b = new FakeUpstream(clockError: 0.003);
        using var c = new FakeUpstream(clockError: 0.003);
        string config = MeridianServer.ConfigFile($"""
            server 127.0.0.1 port {a.Port} iburst minpoll 3 maxpoll 3
            server 127.0.0.1 port {b.Port} iburst minpoll 3 maxpoll 3
            server 127.0.0.1 port {c.Port} iburst minpoll 3 maxpoll 3
            statsdir {stats}/
            statistics loopstats peerstats
            filegen loopstats file loopstats type day enable
            filegen peerstats file peerstats type day enable
            """);
        using (var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0"))
        {
            Assert.True(WaitForLines(Path.Combine(stats, "loopstats"), 6, server), $"too few loopstats lines\n{server.Log}");
            Assert.Equal(0, server.Stop());
        }

        string today = DateTime.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(File.Exists(Path.Combine(stats, $"loopstats.{today}")) || DateTime.UtcNow.TimeOfDay < TimeSpan.FromMinutes(2));
        Assert.All(File.ReadAllLines(Path.Combine(stats, "peerstats")), line => Assert.Matches(@"^\d{5} \d+\.\d{3} 127\.0\.0\.1 [0-9a-f]+ -?\d+\.\d{9} \d+\.\d{9} \d+\.\d{9} \d+\.\d{9}$", line));
        Assert.All(File.ReadAllLines(Path.Combine(stats, "loopstats")), line => Assert.Matches(@"^\d{5} \d+\.\d{3} -?\d+\.\d{9} -?\d+\.\d{3} \d+\.\d{9} \d+\.\d{6} 3$", line));

        var result = ExternalTool.Run(ntpviz, ["-d", stats, "-o", plots, "-g", "-n", "meridian"], TimeSpan.FromSeconds(120));

        Assert.True(result.ExitCode == 0, result.All);
        foreach (string png in new[] { "local-offset.png", "local-offset-histogram.png", "peer-offsets.png", "peer-offset-127.0.0.1.png" })
        {
            AssertPlot(Path.Combine(plots, png), result.All);
        }

        string summary = File.ReadAllText(Path.Combine(plots, "summary.csv"));
        Assert.Contains("Local Clock Time Offset,", summary, StringComparison.Ordinal);
        Assert.Contains("Local Clock Frequency Offset,", summary, StringComparison.Ordinal);
        Assert.Contains("Server Offset 127.0.0.1,", summary, StringComparison.Ordinal);
    }

    /// <summary>In a namespace whose only interface is lo (127.0.0.1 and ::1), on port 123 as ntpd.</summary>
    [Theory]
    [InlineData("interface ignore wildcard\ninterface ignore ipv6\ninterface listen 127.0.0.1\n", "127.0.0.1:123")]
    [InlineData("interface ignore ipv6\n", "0.0.0.0:123")]
    [InlineData("interface ignore all\ninterface listen lo\ninterface ignore 127.0.0.0/8\n", "[::1]:123")]
    public void InterfaceLines_ChooseTheListenAddresses(string lines, string listening)
    {
        using var ns = new NetworkNamespace();
        string config = MeridianServer.ConfigFile("local stratum 3\n" + lines);

        using var server = MeridianServer.Start(ns, "serve", "--config", config);

        Assert.False(server.HasExited, server.Log);
        Assert.Contains($"listening on {listening}\n", server.Log + "\n", StringComparison.Ordinal);
        Assert.Equal(0, server.Stop());
    }

    private static void AssertPlot(string path, string ntpvizOutput)
    {
        Assert.True(File.Exists(path), $"{path} missing\n{ntpvizOutput}");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 4000, $"{path}: only {bytes.Length} bytes\n{ntpvizOutput}");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    /// <summary>Polls the file a server of another process writes until it has <paramref name="count"/> lines (bounded).</summary>
    private static bool WaitForLines(string path, int count, MeridianServer server)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StatisticsDeadline && !server.HasExited)
        {
            if (File.Exists(path) && File.ReadAllLines(path).Length >= count)
            {
                return true;
            }

            Thread.Sleep(500);
        }

        return false;
    }

    private static string Fixture(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "tests", "fixtures", "ntp.conf", name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"tests/fixtures/ntp.conf/{name} not found above {AppContext.BaseDirectory}");
    }
}
