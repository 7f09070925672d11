using System.Text.RegularExpressions;

namespace Meridian.IntegrationTests;

/// <summary>
/// The scanner attackers use finds nothing to amplify: nmap's ntp-monlist gets no monlist and
/// ntp-info gets no mode-6 variables, only the time from its ordinary client request.
/// </summary>
public class NmapProbeTests
{
    [Fact]
    public void NmapGetsNoMonlistAndNoModeSixData()
    {
        // The scripts run only against port 123, hence a namespace of the test's own.
        ExternalTool.Require("nmap");
        using var ns = new NetworkNamespace();
        using var server = MeridianServer.Start(ns, "serve", "--config", MeridianServer.ConfigFile("local stratum 1\n"), "--listen", "127.0.0.1:123");

        var result = ns.Run("nmap", TimeSpan.FromSeconds(120), "-sU", "-Pn", "-n", "-p", "123", "--script", "ntp-info,ntp-monlist", "127.0.0.1");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("receive time stamp", result.Output);
        Assert.DoesNotContain("ntp-monlist", result.Output);
        Assert.DoesNotMatch(@"(?m)^\|\s+(version|processor|system|leap|stratum|refid|clock|peer):", result.Output);
        Assert.Equal(0, server.Stop());
        Assert.Matches(new Regex(@"ModePrivate=[1-9]"), server.Log);
        Assert.Matches(new Regex(@"LengthTooShort=[1-9]"), server.Log);
    }
}
