using Meridian.Hosting;

namespace Meridian.Tests.Hosting;

public class ConsoleLogTests
{
    private static readonly DateTime Noon = new(2026, 11, 29, 12, 0, 0, 123, DateTimeKind.Utc);

    [Theory]
    [InlineData(LogLevel.Info, "<6>listening on 127.0.0.1:123")]
    [InlineData(LogLevel.Warning, "<4>warning: listening on 127.0.0.1:123")]
    [InlineData(LogLevel.Error, "<3>error: listening on 127.0.0.1:123")]
    public void WritesForTheJournal_WithThePriorityPrefixAndNoTimestamp(LogLevel level, string expected)
    {
        Assert.Equal(expected, ConsoleLog.Format(level, "listening on 127.0.0.1:123", journal: true, Noon));
    }

    [Fact]
    public void WritesElsewhere_WithAnIsoUtcTimestamp()
    {
        Assert.Equal("2026-11-29T12:00:00.123Z meridian: warning: drift file unreadable", ConsoleLog.Format(LogLevel.Warning, "drift file unreadable", journal: false, Noon));
    }

    [Theory]
    [InlineData("8:12345", "socket:[12345]", true)]
    [InlineData("8:12345", "socket:[999]", false)]
    [InlineData("8:12345", "/dev/pts/0", false)]
    [InlineData(null, "socket:[12345]", false)]
    [InlineData("garbage", "socket:[12345]", false)]
    public void TalksToTheJournal_OnlyWhenStandardErrorIsItsStream(string? journalStream, string? target, bool journal)
    {
        Assert.Equal(journal, ConsoleLog.IsJournalStream(journalStream, target));
    }
}
