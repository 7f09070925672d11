using System.Diagnostics;
using Meridian.Control;
using Meridian.Core.Leap;

namespace Meridian.IntegrationTests;

/// <summary>
/// The leap file on a running <c>meridian serve</c>: a damaged one is a FILE warning and the server serves
/// on; a reload reads the file again, so a fixed (or updated tzdata) file is taken up without a restart.
/// </summary>
public class LeapFileReloadTests
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(15);

    [Fact]
    public void WarnsOfABadHash_AndTakesUpTheFixedFile_OnReload()
    {
        string leap = Path.Combine(Path.GetTempPath(), $"meridian-it-leap-{Guid.NewGuid():N}.list");
        File.WriteAllText(leap, Fixture("bad-hash.list"));
        string config = MeridianServer.ConfigFile($"local stratum 1\nleapfile {leap}\n");
        string socket = MeridianServer.ControlSocketOf(config);
        using var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0");

        Assert.True(server.WaitForLog($"{leap}: the '#h' SHA-1 does not match the numbers", LogWait), server.Log);
        Assert.Equal(LeapHashCheck.Mismatch, WaitFor(socket, r => r.Sync.LeapSecond.FileHash is not null, server).Sync.LeapSecond.FileHash);

        File.WriteAllText(leap, Fixture("valid.list"));
        server.Signal("HUP");

        StatusReport fixedFile = WaitFor(socket, r => r.Sync.LeapSecond.FileHash == LeapHashCheck.Verified, server);
        Assert.True(fixedFile.Sync.LeapSecond.FileUsable);
        Assert.Equal(leap, fixedFile.Sync.LeapSecond.FilePath);
        Assert.Equal(0, server.Stop());
        File.Delete(leap);
    }

    [Fact]
    public void WarnsAtStart_OfAnExpiredLeapFile_AndServesOn()
    {
        // expired.list expired on 2026-06-28; this machine's clock is past it (the project's time is late 2026 on).
        string leap = Path.Combine(Path.GetTempPath(), $"meridian-it-leap-{Guid.NewGuid():N}.list");
        File.WriteAllText(leap, Fixture("expired.list"));
        string config = MeridianServer.ConfigFile($"local stratum 1\nleapfile {leap}\n");
        using var server = MeridianServer.Start(null, "serve", "--config", config, "--listen", "127.0.0.1:0");

        Assert.True(server.WaitForLog($"warning: {leap}: the leap file expired on 2026-06-28", LogWait), server.Log);
        Assert.False(server.HasExited, server.Log);
        Assert.Equal(0, server.Stop());
        File.Delete(leap);
    }

    private static string Fixture(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "tests", "fixtures", "leap", name);
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new InvalidOperationException($"tests/fixtures/leap/{name} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>Polls the control socket (the server is another process; its status is published about once a second) until the condition holds; at most 30 s.</summary>
    private static StatusReport WaitFor(string socket, Func<StatusReport, bool> condition, MeridianServer server)
    {
        var deadline = Stopwatch.StartNew();
        StatusReport last = ControlClient.Query(socket, "status");
        while (!condition(last))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"waited 30 s for the leap file state: {last.Sync.LeapSecond}\n{server.Log}");
            Thread.Sleep(200);
            last = ControlClient.Query(socket, "status");
        }

        return last;
    }
}
