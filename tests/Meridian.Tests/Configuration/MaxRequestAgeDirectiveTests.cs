using Meridian.Core.Serving;

namespace Meridian.Tests.Configuration;

public class MaxRequestAgeDirectiveTests
{
    [Fact]
    public void WithoutTheDirective_RequestsOlderThan10MsAreStale()
    {
        Assert.Equal(RequestAge.Default, ConfigText.Parse("").MaxRequestAge);
    }

    [Theory]
    [InlineData("1", 0.001)]
    [InlineData("2.5", 0.0025)]
    [InlineData("1000", 1.0)]
    public void MaxRequestAge_SetsTheBoundInMilliseconds(string value, double seconds)
    {
        var options = ConfigText.Parse($"maxrequestage {value}");

        Assert.Equal(seconds, options.MaxRequestAge.MaxSeconds, 12);
    }

    [Theory]
    [InlineData("maxrequestage 0.5", "'0.5'")]
    [InlineData("maxrequestage 1001", "'1001'")]
    [InlineData("maxrequestage ten", "'ten'")]
    [InlineData("maxrequestage", "needs a value")]
    [InlineData("maxrequestage 10 ms", "'ms'")]
    public void RejectsAnAgeOutside1To1000Ms_AtItsLine(string line, string reason)
    {
        ConfigText.ErrorAt(2, reason, "local stratum 1", line);
    }
}
