using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

public class ConfigWriterServingNoteTests
{
    [Theory]
    [InlineData("server ntp.example.org")]
    [InlineData("")]
    [InlineData("tos minsane 2")]
    public void SaysNotSynchronized_WithoutALocalClock(string text)
    {
        string written = ConfigWriter.Write(ConfigParser.Parse(text, "test.conf"));

        Assert.Contains("not synchronized", written, StringComparison.Ordinal);
        Assert.DoesNotContain("local clock", written, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("local", 10)]
    [InlineData("local stratum 3", 3)]
    [InlineData("tos orphan 5", 5)]
    [InlineData("tos orphan 5\nlocal stratum 12", 12)]
    public void SaysLocalClockAtItsStratum_WithALocalClock(string text, int stratum)
    {
        string written = ConfigWriter.Write(ConfigParser.Parse(text, "test.conf"));

        Assert.Contains($"local clock at stratum {stratum}", written, StringComparison.Ordinal);
        Assert.DoesNotContain("not synchronized", written, StringComparison.Ordinal);
    }
}
