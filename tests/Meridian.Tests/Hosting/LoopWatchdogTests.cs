using Meridian.Hosting;

namespace Meridian.Tests.Hosting;

public class LoopWatchdogTests
{
    [Fact]
    public void NamesTheLoopsThatDidNotMove_SinceTheLastCheck()
    {
        long serving = 0, sync = 0;
        var watchdog = new LoopWatchdog([("serving 0", () => serving), ("sync", () => sync)]);

        serving = 5;
        sync = 1;
        Assert.Empty(watchdog.Check());

        serving = 9;
        Assert.Equal(["sync"], watchdog.Check());

        Assert.Equal(["serving 0", "sync"], watchdog.Check());
    }

    [Theory]
    [InlineData("30000000", null, 15.0)]
    [InlineData("30000000", "4242", 15.0)]
    [InlineData("1000000", "4242", 0.5)]
    public void PingsAtHalfTheWatchdogInterval(string usec, string? pid, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), LoopWatchdog.Interval(usec, pid, 4242));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("0", null)]
    [InlineData("abc", null)]
    [InlineData("30000000", "17")]
    public void IsOff_WithoutAWatchdogForThisProcess(string? usec, string? pid)
    {
        Assert.Null(LoopWatchdog.Interval(usec, pid, 4242));
    }
}
