using Meridian.Commands.Config;
using Meridian.Tests.Commands;

namespace Meridian.Tests.Configuration;

/// <summary>Rate limiting is never lost without a word: lines that limit nothing are warned about with FILE:LINE.</summary>
public class RateLimitWarningTests
{
    [Theory]
    [InlineData("ratelimit interval 50 burst 10")]
    [InlineData("ratelimit table 65536")]
    [InlineData("discard average 3")]
    public void WarnsAtTheLine_WhenNoRestrictLineSaysLimited(string limit)
    {
        var options = ConfigText.Parse("server ntp.example.org", "restrict default nomodify notrap nopeer noquery", limit);

        string warning = Assert.Single(options.Warnings, w => w.Contains("limits nothing", StringComparison.Ordinal));
        Assert.StartsWith($"{ConfigText.File}:3: '{limit.Split(' ')[0]}' limits nothing", warning, StringComparison.Ordinal);
        Assert.Contains("restrict ... limited", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("restrict default limited")]
    [InlineData("restrict -6 default kod limited")]
    [InlineData("restrict 192.0.2.0/24 limited")]
    public void SaysNothing_WhenARestrictLineSaysLimited(string restrict)
    {
        var options = ConfigText.Parse("ratelimit interval 50 burst 10 table 65536", restrict);

        Assert.Empty(options.Warnings);
    }

    [Fact]
    public void SaysNothing_AboutAGlobalBudgetAlone_WhichActsOnEveryClient()
    {
        Assert.Empty(ConfigText.Parse("ratelimit global-pps 1000").Warnings);
    }

    [Theory]
    [InlineData("restrict default kod nomodify notrap nopeer noquery")]
    [InlineData("restrict 192.0.2.0/24 kod")]
    public void WarnsAtTheLine_WhenKodComesWithoutLimited(string restrict)
    {
        var options = ConfigText.Parse("server ntp.example.org", restrict, "restrict default limited");

        string warning = Assert.Single(options.Warnings);
        Assert.StartsWith($"{ConfigText.File}:2: 'kod' without 'limited' sends no kiss", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigCheck_PrintsTheWarnings_OnItsWarningWriter()
    {
        using var file = new TempConfigFile("restrict default kod nomodify\nratelimit burst 10\n");
        var output = new StringWriter();
        var warnings = new StringWriter();

        Assert.Equal(0, ConfigCheckCommand.Run(file.Path, output, warnings));

        string[] lines = warnings.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"warning: {file.Path}:2: 'ratelimit' limits nothing", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"warning: {file.Path}:1: 'kod' without 'limited' sends no kiss", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("warning", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SaysNothing_AboutTheBuiltInConfiguration()
    {
        Assert.Empty(Meridian.Configuration.DefaultConfiguration.Load().Warnings);
    }

    [Theory]
    [InlineData("ratelimit prefix4 8", "prefix4", "8")]
    [InlineData("ratelimit prefix4 15", "prefix4", "15")]
    [InlineData("ratelimit prefix6 31", "prefix6", "31")]
    [InlineData("ratelimit leak 40", "leak", "40")]
    [InlineData("ratelimit leak 17", "leak", "17")]
    [InlineData("ratelimit leak 2.5", "leak", "2.5")]
    [InlineData("ratelimit table 268435456", "table", "268435456")]
    [InlineData("ratelimit table 16777217", "table", "16777217")]
    public void RejectsAValueOutsideTheDocumentedRange(string line, string key, string value)
    {
        var e = ConfigText.ErrorAt(1, $"'{value}'", line);

        Assert.Contains($"'{key}'", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ratelimit prefix4 16")]
    [InlineData("ratelimit prefix4 32")]
    [InlineData("ratelimit prefix6 32")]
    [InlineData("ratelimit prefix6 64")]
    [InlineData("ratelimit leak 0")]
    [InlineData("ratelimit leak 16")]
    [InlineData("ratelimit table 16777216")]
    public void AcceptsTheEndsOfTheDocumentedRange(string line)
    {
        ConfigText.Parse(line, "restrict default limited");
    }
}
