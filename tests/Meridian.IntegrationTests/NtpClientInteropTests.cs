using System.Globalization;
using System.Text.RegularExpressions;

namespace Meridian.IntegrationTests;

/// <summary>Real NTP clients from Debian get time from a running <c>meridian serve</c>.</summary>
public class NtpClientInteropTests
{
    private const double MaxOffsetSeconds = 0.001;
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void NtpdigGetsTimeOverIPv4AndIPv6_WithinOneMillisecond_FromLocalStratum1()
    {
        ExternalTool.Require("ntpdig");
        using var ns = new NetworkNamespace();
        using var server = MeridianServer.Start(ns, "serve", "--config", MeridianServer.ConfigFile("local stratum 1\n"), "--listen", "127.0.0.1:123", "--listen", "[::1]:123");

        foreach (string address in new[] { "127.0.0.1", "::1" })
        {
            AssertStratum1WithinOneMillisecond(NtpdigSample.Best(() => ns.Run("ntpdig", ClientTimeout, "-j", "-t", "3", address), NtpdigSample.FromJson, server.Log));
        }

        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void SntpGetsTime_WithinOneMillisecond_FromLocalStratum1()
    {
        ExternalTool.Require("sntp");
        using var ns = new NetworkNamespace();
        using var server = MeridianServer.Start(ns, "serve", "--config", MeridianServer.ConfigFile("local stratum 1\n"), "--listen", "127.0.0.1:123");

        AssertStratum1WithinOneMillisecond(NtpdigSample.Best(() => ns.Run("sntp", ClientTimeout, "-t", "3", "127.0.0.1"), NtpdigSample.FromText, server.Log));
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void ChronydQueryMeasuresAnOffsetUnderOneMillisecond_WithAOneOffConfig()
    {
        string chronyd = ExternalTool.Require("chronyd");
        using var server = MeridianServer.Start(null, "serve", "--config", MeridianServer.ConfigFile("local stratum 1\n"), "--listen", "127.0.0.1:0");
        int port = server.Listening.Single().Port;
        string pidFile = Path.Combine(Path.GetTempPath(), $"meridian-it-chronyd-{Guid.NewGuid():N}.pid");
        string config = Path.Combine(Path.GetTempPath(), $"meridian-it-chronyd-{Guid.NewGuid():N}.conf");
        File.WriteAllText(config, $"server 127.0.0.1 port {port} iburst maxsamples 4\npidfile {pidFile}\ncmdport 0\n");

        var result = ExternalTool.Run(chronyd, ["-Q", "-f", config, "-u", "root"], ClientTimeout);

        Match wrong = Regex.Match(result.All, @"System clock wrong by (-?\d+\.\d+) seconds");
        Assert.True(wrong.Success, $"chronyd -Q: {result.All}\n{server.Log}");
        Assert.InRange(double.Parse(wrong.Groups[1].Value, CultureInfo.InvariantCulture), -MaxOffsetSeconds, MaxOffsetSeconds);
        Assert.Equal(0, server.Stop());
        Assert.Matches(@"received \d+, served \d+, dropped 0", server.Log);
    }

    [Fact]
    public void NtpdigRefusesTheBuiltInDefaults_BecauseTheyClaimNoSynchronization()
    {
        ExternalTool.Require("ntpdig");
        using var ns = new NetworkNamespace();
        using var server = MeridianServer.Start(ns, "serve");
        Assert.Equal(["0.0.0.0:123", "[::]:123"], server.Listening.Select(e => e.ToString()));

        var result = ns.Run("ntpdig", ClientTimeout, "-t", "3", "127.0.0.1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("stratum 0", result.All);
        Assert.Equal(0, server.Stop());
        Assert.Contains("served 1,", server.Log);
    }

    private static void AssertStratum1WithinOneMillisecond(NtpdigSample best)
    {
        Assert.Equal(1, best.Stratum);
        Assert.Equal("no-leap", best.Leap);
        Assert.InRange(best.Offset, -MaxOffsetSeconds, MaxOffsetSeconds);
    }
}
