using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Meridian.IntegrationTests;

/// <summary><c>meridian query</c> against Meridian, chronyd, a silent port and a kissing server, all on loopback.</summary>
public partial class QueryCommandTests
{
    private const double MaxOffsetSeconds = 0.005;

    [Fact]
    public void QueryingMeridian_PrintsTheSntpLine_Stratum1_WithASmallOffset()
    {
        using var server = MeridianServer.Start(null, "serve", "--config", MeridianServer.ConfigFile("local stratum 1\n"), "--listen", "127.0.0.1:0", "--workers", "1");
        string address = server.Listening.Single().ToString();

        var result = MeridianCli.Run("query", address, "--count", "3", "--interval", "0.1");

        Assert.True(result.ExitCode == 0, result.All + server.Log);
        Match line = SntpLine().Match(result.Output);
        Assert.True(line.Success, result.All);
        Assert.InRange(double.Parse(line.Groups["offset"].Value, CultureInfo.InvariantCulture), -MaxOffsetSeconds, MaxOffsetSeconds);
        Assert.Equal(address, line.Groups["address"].Value);
        Assert.Equal("1", line.Groups["stratum"].Value);
        Assert.Equal("LOCL", line.Groups["refid"].Value);
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void QueryingMeridian_WithJson_PrintsOneResultPerAddress()
    {
        using var server = MeridianServer.Start(null, "serve", "--config", MeridianServer.ConfigFile("local stratum 1\n"), "--listen", "127.0.0.1:0", "--workers", "1");

        var result = MeridianCli.Run("query", server.Listening.Single().ToString(), "--count", "3", "--interval", "0.1", "--json");

        Assert.True(result.ExitCode == 0, result.All);
        JsonElement answer = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().Single();
        Assert.Equal("127.0.0.1", answer.GetProperty("address").GetString());
        Assert.Equal(server.Listening.Single().Port, answer.GetProperty("port").GetInt32());
        Assert.Equal(1, answer.GetProperty("stratum").GetInt32());
        Assert.Equal("LOCL", answer.GetProperty("refid").GetString());
        Assert.Equal("no-leap", answer.GetProperty("leap").GetString());
        Assert.InRange(answer.GetProperty("offsetSeconds").GetDouble(), -MaxOffsetSeconds, MaxOffsetSeconds);
        Assert.InRange(answer.GetProperty("delaySeconds").GetDouble(), 0, 0.1);
        Assert.True(answer.GetProperty("distanceSeconds").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("error").ValueKind);
        Assert.Equal(0, server.Stop());
    }

    [Fact]
    public void QueryingChronyd_ExitsZero()
    {
        using var chronyd = ChronydServer.Start();
        ExternalTool.Result result = null!;
        for (int attempt = 0; attempt < 20 && result?.ExitCode != 0; attempt++)
        {
            result = MeridianCli.Run("query", $"127.0.0.1:{chronyd.Port}", "--timeout", "1"); // chronyd needs a moment to bind
        }

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Matches(SntpLine(), result.Output);
    }

    [Fact]
    public void QueryingASilentPort_ExitsOne_WithATimeoutMessage()
    {
        using var silent = FakeNtpServer.Silent();

        var result = MeridianCli.Run("query", silent.Address, "--timeout", "0.5");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"127.0.0.1:{silent.Port}: no answer within 0.5 s (timeout)", result.Error);
        Assert.Equal("", result.Output);
        Assert.Equal(1, silent.Requests);
    }

    [Fact]
    public void QueryingAClosedPort_SaysRefused_InsteadOfWaitingForTheTimeout()
    {
        int port = FreePort.Udp();

        var result = MeridianCli.Run("query", $"127.0.0.1:{port}", "--timeout", "30");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"127.0.0.1:{port}: refused", result.Error);
    }

    [Theory]
    [InlineData("RATE")]
    [InlineData("DENY")]
    public void QueryingAKissingServer_ReportsTheKissByName_AndExitsOne(string code)
    {
        using var kissing = FakeNtpServer.Kissing(code);

        var text = MeridianCli.Run("query", kissing.Address, "--count", "3", "--interval", "0.1");
        var json = MeridianCli.Run("query", kissing.Address, "--json");

        Assert.Equal(1, text.ExitCode);
        Assert.Contains($"kiss-o'-death {code}", text.Error);
        Assert.Equal(1, json.ExitCode);
        Assert.Equal(code, JsonDocument.Parse(json.Output).RootElement[0].GetProperty("kiss").GetString());
        Assert.Equal(2, kissing.Requests); // a kiss ends the --count samples
    }

    [Theory]
    [InlineData("[::1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("host name")]
    public void BadHostSyntax_ExitsTwo(string host)
    {
        var result = MeridianCli.Run("query", host);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not HOST, HOST:PORT or [IPv6]:PORT", result.Error);
    }

    [GeneratedRegex(@"^\d{4} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d\.\d{6} (?<offset>[+-]\d+\.\d{6}) \+/- \d+\.\d{6} secs (?<address>\S+) stratum (?<stratum>\d+) refid (?<refid>\S+) delay \d+\.\d{6} no-leap$", RegexOptions.Multiline)]
    private static partial Regex SntpLine();
}
