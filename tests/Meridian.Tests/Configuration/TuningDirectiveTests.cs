using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

public class TuningDirectiveTests
{
    [Fact]
    public void ReadsRateLimitPairs_InOrder()
    {
        var options = ConfigText.Parse("ratelimit interval 50 burst 10 leak 4 table 1000000 prefix6 64 global-pps 0");

        Assert.Equal(
            [
                new TuningValue("interval", 50),
                new TuningValue("burst", 10),
                new TuningValue("leak", 4),
                new TuningValue("table", 1_000_000),
                new TuningValue("prefix6", 64),
                new TuningValue("global-pps", 0),
            ],
            options.RateLimit);
    }

    [Fact]
    public void ReadsDiscardPairs()
    {
        var options = ConfigText.Parse("discard average 3 minimum 2");

        Assert.Equal([new TuningValue("average", 3), new TuningValue("minimum", 2)], options.Discard);
        Assert.Empty(options.RateLimit);
    }

    [Fact]
    public void ReadsTosAndTinker_IncludingFractionsAndNegatives()
    {
        var options = ConfigText.Parse("tos minsane 2 mindist 0.02", "tinker panic 0 step 0.128 freq -12.5");

        Assert.Equal([new TuningValue("minsane", 2), new TuningValue("mindist", 0.02)], options.Tos);
        Assert.Equal([new TuningValue("panic", 0), new TuningValue("step", 0.128), new TuningValue("freq", -12.5)], options.Tinker);
    }

    [Fact]
    public void AccumulatesPairs_AcrossLines()
    {
        var options = ConfigText.Parse("discard average 3", "discard minimum 2");

        Assert.Equal(["average", "minimum"], options.Discard.Select(v => v.Key));
    }

    [Theory]
    [InlineData("ratelimit period 50", "period")]
    [InlineData("discard average 3 maximum 2", "maximum")]
    [InlineData("tos orphan 5 cohort 1", "cohort")]
    [InlineData("tinker jitter 1", "jitter")]
    public void RejectsAnUnknownKey_NamingIt(string line, string key)
    {
        var e = ConfigText.ErrorAt(1, $"'{key}'", line);

        Assert.Contains("unknown", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ratelimit interval 0", "interval", "0")]
    [InlineData("ratelimit prefix6 8", "prefix6", "8")]
    [InlineData("ratelimit prefix4 33", "prefix4", "33")]
    [InlineData("ratelimit table 268435457", "table", "268435457")]
    [InlineData("discard average 18", "average", "18")]
    [InlineData("tos orphan 16", "orphan", "16")]
    [InlineData("tinker freq -501", "freq", "-501")]
    [InlineData("tos maxclock lots", "maxclock", "lots")]
    public void RejectsAnOutOfRangeValue_NamingKeyAndValue(string line, string key, string value)
    {
        var e = ConfigText.ErrorAt(1, $"'{value}'", line);

        Assert.Contains($"'{key}'", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ratelimit interval", "'interval'")]
    [InlineData("discard average 3 minimum", "'minimum'")]
    [InlineData("tos", "'tos'")]
    [InlineData("tinker", "'tinker'")]
    public void RejectsAMissingValue(string line, string token)
    {
        ConfigText.ErrorAt(1, token, line);
    }
}
