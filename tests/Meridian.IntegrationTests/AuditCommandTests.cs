using System.Text.Json;
using System.Text.RegularExpressions;
using Meridian.Commands.Audit;
using Meridian.Control;
using Meridian.Core.Analysis;

namespace Meridian.IntegrationTests;

/// <summary><c>meridian audit</c> against a real <c>meridian serve</c> and against a monlist reflector of the test's own.</summary>
public class AuditCommandTests
{
    private const string Window = "0.5";

    [Fact]
    public void FindsMeridianNotExploitable_WithNothingBackToAnyModeSixOrSevenProbe()
    {
        string config = MeridianServer.ConfigFile("local stratum 1\n");
        using var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0", "--workers", "1");
        string target = $"127.0.0.1:{server.Listening.Single().Port}";

        var result = MeridianCli.Run("audit", target, "--timeout", Window, "--json");

        Assert.True(result.ExitCode == 0, result.All);
        AmplificationReport report = Parse(result.Output).Report;
        Assert.False(report.Exploitable);
        Assert.False(report.InformationLeak);
        Assert.Equal(AmplificationProbes.All.Count, report.Findings.Count);
        Assert.All(report.Findings.Where(f => f.Kind != ProbeKind.ClientQuery), f => Assert.Equal((0L, 0L), (f.PacketsBack, f.BytesBack)));
        Assert.All(report.Findings.Where(f => f.Kind == ProbeKind.ClientQuery), f => Assert.Equal((1L, 48L), (f.PacketsBack, f.BytesBack)));
        Assert.Equal(0, server.Stop());
        Assert.Matches(new Regex(@"dropped 6 \(LengthTooShort=3, ModePrivate=3\)"), server.Log);
    }

    [Fact]
    public void FindsAMonlistReflectorExploitable_WithTheFactorOfItsReplies()
    {
        using var reflector = new FakeReflector();
        string target = $"127.0.0.1:{reflector.EndPoint.Port}";
        const long back = FakeReflector.MonlistPackets * FakeReflector.MonlistPacketBytes;

        var json = MeridianCli.Run("audit", target, "--timeout", Window, "--json");
        var text = MeridianCli.Run("audit", target, "--timeout", Window);

        Assert.True(json.ExitCode == 1, json.All);
        AmplificationReport report = Parse(json.Output).Report;
        Assert.True(report.Exploitable);
        Assert.True(report.InformationLeak);
        ProbeFinding monlist = report.Findings.Single(f => f.Probe == "monlist impl 3 (ntpdc, 192 B)");
        Assert.Equal((10L, back), (monlist.PacketsBack, monlist.BytesBack));
        Assert.Equal((double)back / AmplificationProbes.PrivateRequestLength, monlist.Factor);
        Assert.Equal((double)back / 48, report.Findings.Single(f => f.Probe == "monlist impl 3 (nmap, 48 B)").Factor);
        Assert.All(report.Findings.Where(f => f.Kind == ProbeKind.ClientQuery), f => Assert.False(f.Amplifies));
        Assert.Contains("disable monitor", report.Fix);

        Assert.True(text.ExitCode == 1, text.All);
        Assert.Matches(@"monlist impl 3 \(ntpdc, 192 B\)\s+192\s+10\s+4400\s+22\.92\s+21\.27", text.Output);
        Assert.Contains("verdict: exploitable", text.Output);
        Assert.Contains("    restrict default kod nomodify notrap nopeer noquery limited", text.Output);
    }

    [Theory]
    [InlineData("127.0.0.1:99999")]
    [InlineData("[::1")]
    public void ExitsWithUsageError_ForABadTarget(string target)
    {
        var result = MeridianCli.Run("audit", target, "--timeout", Window);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not HOST, HOST:PORT or [IPv6]:PORT", result.Error);
        Assert.Empty(result.Output);
    }

    private static AuditDocument Parse(string json) => JsonSerializer.Deserialize<AuditDocument>(json, ControlJson.Compact)!;

}
