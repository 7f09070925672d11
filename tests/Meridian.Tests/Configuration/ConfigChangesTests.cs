using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

/// <summary>What a reload reports: changed lines, split into those applied live and those that need a restart.</summary>
public class ConfigChangesTests
{
    [Fact]
    public void ReportsNothing_WhenOnlyCommentsAndOrderOfTuningKeysDiffer()
    {
        var changes = ConfigChanges.Between(
            ConfigText.Parse("server a.example iburst", "restrict default limited kod"),
            ConfigText.Parse("# a comment", "server a.example iburst   # same", "restrict default limited kod"));

        Assert.Empty(changes.Live);
        Assert.Empty(changes.NeedRestart);
    }

    [Fact]
    public void AppliesRestrictRateLimitUpstreamAndLogFileChangesLive()
    {
        var changes = ConfigChanges.Between(
            ConfigText.Parse("server a.example iburst", "server b.example", "ratelimit burst 10", "logfile /var/log/a"),
            ConfigText.Parse("server a.example iburst", "pool pool.example", "restrict 192.0.2.0/24 ignore", "ratelimit burst 8", "logfile /var/log/b"));

        Assert.Equal(
            [
                "- server b.example minpoll 6 maxpoll 10",
                "- logfile /var/log/a",
                "- ratelimit burst 10",
                "+ pool pool.example minpoll 6 maxpoll 10 maxsources 4",
                "+ restrict -4 192.0.2.0/24 ignore",
                "+ logfile /var/log/b",
                "+ ratelimit burst 8",
            ],
            changes.Live);
        Assert.Empty(changes.NeedRestart);
    }

    [Fact]
    public void ReportsListenDriftAndTosChangesAsNeedingARestart()
    {
        var changes = ConfigChanges.Between(
            ConfigText.Parse("driftfile /var/lib/a", "tos minclock 3"),
            ConfigText.Parse("listen 127.0.0.1:123", "driftfile /var/lib/b", "tos minclock 2", "restrict default"));

        Assert.Equal(["+ restrict default"], changes.Live);
        Assert.Equal(
            [
                "- listen 0.0.0.0:123",
                "- listen [::]:123",
                "- driftfile /var/lib/a",
                "- tos minclock 3",
                "+ listen 127.0.0.1:123",
                "+ driftfile /var/lib/b",
                "+ tos minclock 2",
            ],
            changes.NeedRestart);
    }

    [Fact]
    public void CountsARepeatedLine_WhenOneCopyIsRemoved()
    {
        var changes = ConfigChanges.Between(
            ConfigText.Parse("server a.example", "server a.example"),
            ConfigText.Parse("server a.example"));

        Assert.Equal(["- server a.example minpoll 6 maxpoll 10"], changes.Live);
    }
}
