using System.Text.Json;

namespace Meridian.IntegrationTests;

/// <summary>
/// <c>meridian monitor</c> against fake servers: the score sequence matches the pool's formula,
/// computed here from its published constants (not from Meridian's PoolScore).
/// </summary>
public class MonitorCommandTests
{
    private const int Checks = 4;
    private const double Tolerance = 0.01; // loopback jitter of ~0.1 ms moves a sloped step by < 0.001

    [Theory]
    [InlineData(0.005, 1)]                                  // ≤ 25 ms: +1
    [InlineData(0.060, 1 - 0.5 * (60 - 25) / 75.0)]         // 25 → 100 ms: +1 → +0.5
    [InlineData(-0.060, 1 - 0.5 * (60 - 25) / 75.0)]
    [InlineData(0.400, 0.5 - 1.5 * (400 - 100) / 650.0)]    // 100 → 750 ms: +0.5 → −1
    [InlineData(1.5, -2)]                                   // ≤ 3 s: −2
    public void ScoreSequence_FollowsTheFormula_ForAFixedOffset(double offset, double step)
    {
        using var server = FakeNtpServer.WithOffset(offset);

        var checks = Monitor(server);

        Assert.Equal(Expected(step), checks.Select(c => c.GetProperty("score").GetDouble()), new Within(Tolerance));
        Assert.All(checks, c => Assert.Equal(offset, c.GetProperty("offsetSeconds").GetDouble(), 0.002));
        Assert.All(checks, c => Assert.Equal(1, c.GetProperty("stratum").GetInt32()));
        Assert.All(checks, c => Assert.Equal("not in pool", c.GetProperty("status").GetString()));
        Assert.Equal(Checks * 3, server.Requests); // three queries per check
    }

    [Fact]
    public void ScoreSequence_LosesFivePerCheck_WhenTheServerNeverAnswers()
    {
        using var server = FakeNtpServer.Silent();

        var checks = Monitor(server, timeout: "0.2");

        Assert.Equal(Expected(-5), checks.Select(c => c.GetProperty("score").GetDouble()), new Within(1e-9));
        Assert.All(checks, c => Assert.Equal("timeout", c.GetProperty("status").GetString()));
        Assert.All(checks, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("offsetSeconds").ValueKind));
    }

    [Theory]
    [InlineData("RATE", -3.5)]
    [InlineData("DENY", -10)]
    [InlineData("RSTR", -10)]
    [InlineData("INIT", -2)]
    public void ScoreSequence_ForKisses_AndTheKissEndsEachCheck(string code, double step)
    {
        using var server = FakeNtpServer.Kissing(code);

        var checks = Monitor(server);

        Assert.Equal(Expected(step), checks.Select(c => c.GetProperty("score").GetDouble()), new Within(1e-9));
        Assert.All(checks, c => Assert.Equal(code, c.GetProperty("status").GetString()));
        Assert.Equal(Checks, server.Requests);
    }

    [Fact]
    public void WithAReference_TheOffsetIsTheServersMinusTheReferences()
    {
        using var server = FakeNtpServer.WithOffset(0.130);
        using var reference = FakeNtpServer.WithOffset(0.100);

        var checks = Monitor(server, extra: ["--reference", reference.Address]);

        Assert.Equal(Expected(1 - 0.5 * (30 - 25) / 75.0), checks.Select(c => c.GetProperty("score").GetDouble()), new Within(Tolerance));
        Assert.All(checks, c => Assert.Equal(0.030, c.GetProperty("offsetSeconds").GetDouble(), 0.002));
    }

    [Fact]
    public void Table_HasAHeaderAndOneRowPerCheck()
    {
        using var server = FakeNtpServer.WithOffset(0.005);

        var result = MeridianCli.Run("monitor", server.Address, "--checks", "2", "--interval", "0.2", "--spacing", "0.05", "--timeout", "0.5");

        Assert.True(result.ExitCode == 0, result.All);
        string[] lines = result.Output.Trim().Split('\n');
        Assert.StartsWith("time (UTC)", lines[0]);
        Assert.Matches(@"Z\s+\+5\.\d{3}\s+1\s+\+1\.000\s+1\.000\s+not in pool$", lines[1]);
        Assert.Matches(@"Z\s+\+5\.\d{3}\s+1\s+\+1\.000\s+1\.950\s+not in pool$", lines[2]);
    }

    /// <summary>score = step + 0.95 · score, from 0, for every check.</summary>
    private static double[] Expected(double step)
    {
        double[] scores = new double[Checks];
        double score = 0;
        for (int i = 0; i < Checks; i++)
        {
            score = step + 0.95 * score;
            scores[i] = score;
        }

        return scores;
    }

    private static List<JsonElement> Monitor(FakeNtpServer server, string timeout = "0.5", string[]? extra = null)
    {
        var result = MeridianCli.Run(
            ["monitor", server.Address, "--json", "--checks", $"{Checks}", "--interval", "0.2", "--spacing", "0.05", "--timeout", timeout, .. extra ?? []]);
        Assert.True(result.ExitCode == 0, result.All);
        var checks = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Checks, checks.Count);
        return checks;
    }

    private sealed class Within(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}
