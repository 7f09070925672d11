namespace Meridian.Tests.Configuration;

public class LocalStratumTests
{
    [Fact]
    public void Local_ServesTheLocalClockAtStratum10()
    {
        var options = ConfigText.Parse("local");

        Assert.Equal(10, options.LocalStratum);
        Assert.Equal(10, options.LocalClockStratum);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(15)]
    public void LocalStratum_ServesTheLocalClockAtThatStratum(int stratum)
    {
        var options = ConfigText.Parse($"local stratum {stratum}");

        Assert.Equal(stratum, options.LocalStratum);
        Assert.Equal(stratum, options.LocalClockStratum);
    }

    [Theory]
    [InlineData("16")]
    [InlineData("0")]
    [InlineData("ten")]
    public void RejectsAStratumOutsideOneTo15(string stratum)
    {
        ConfigText.ErrorAt(1, $"'{stratum}'", $"local stratum {stratum}");
    }

    [Fact]
    public void RejectsAnUnknownLocalOption()
    {
        ConfigText.ErrorAt(1, "'orphan'", "local orphan 5");
    }

    [Fact]
    public void RejectsTrailingTokens()
    {
        ConfigText.ErrorAt(1, "'prefer'", "local stratum 5 prefer");
    }

    [Fact]
    public void TosOrphan_ServesTheLocalClockAtTheOrphanStratum()
    {
        var options = ConfigText.Parse("tos orphan 5");

        Assert.Null(options.LocalStratum);
        Assert.Equal(5, options.LocalClockStratum);
    }

    [Theory]
    [InlineData("local stratum 3", "tos orphan 5")]
    [InlineData("tos orphan 5", "local stratum 3")]
    public void LocalStratum_TakesPrecedenceOverTosOrphan(string first, string second)
    {
        Assert.Equal(3, ConfigText.Parse(first, second).LocalClockStratum);
    }

    [Fact]
    public void WithoutLocalOrOrphan_ServesNotSynchronized()
    {
        Assert.Null(ConfigText.Parse("tos minsane 2", "server ntp.example.org").LocalClockStratum);
    }
}
