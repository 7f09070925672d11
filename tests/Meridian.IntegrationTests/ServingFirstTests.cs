using System.Globalization;

namespace Meridian.IntegrationTests;

/// <summary>Decision 0009: the process's other threads are scheduled below its serving workers.</summary>
public sealed class ServingFirstTests
{
    [Fact]
    public void TheSyncThread_RunsTenNiceLevelsAboveTheServingWorker()
    {
        using var server = MeridianServer.Start(null, "serve", "--config", MeridianServer.ConfigFile("local stratum 1\n"), "--listen", "127.0.0.1:0", "--workers", "1");

        (string Name, int Nice)[] threads = Threads(server.ProcessId);

        int worker = threads.Single(t => t.Name.StartsWith("serve ", StringComparison.Ordinal)).Nice;
        Assert.Equal(worker + 10, threads.Single(t => t.Name == "sync").Nice);
        Assert.Contains("serving first:", server.Log, StringComparison.Ordinal);
        Assert.Equal(0, server.Stop());
    }

    /// <summary>Each thread's name and nice (field 19 of its stat; the name is in parentheses and may hold spaces).</summary>
    private static (string Name, int Nice)[] Threads(int process) =>
        Directory.GetDirectories($"/proc/{process}/task")
            .Select(task => File.ReadAllText(Path.Combine(task, "stat")))
            .Select(stat => (stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')], int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], CultureInfo.InvariantCulture)))
            .ToArray();
}
