using Meridian.Core.Serving;
using Meridian.Core.Sync;

namespace Meridian.Net.Tests;

/// <summary>
/// An upstream whose daemon is stopped answers every request with ICMP port unreachable. That must
/// cost the sync thread nothing between polls: the error is read once and counted against the source.
/// (It used to stay queued on the socket, so every wait returned at once for the request's 8 s life:
/// 17 CPU-seconds and 8 GB allocated per 30 s.)
/// </summary>
public class SyncLoopDeadUpstreamTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    [Fact]
    public void ADeadUpstream_CostsTheSyncThreadUnderOnePercent_AndBoundedAllocations()
    {
        ushort closed = UpstreamExchangeTests.ClosedPort();
        var options = new SynchronizerOptions(
            [new UpstreamSpec("127.0.0.1", closed, false, 1, new SourceOptions(Iburst: true))], new DisciplineOptions());
        var synchronizer = new Synchronizer(options, new TestEntropy(seed: 10));
        var state = new ServerStateCell(ServerState.Unsynchronized(-20));
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        double cpuBefore = SyncThreadCpuSeconds();

        using (var loop = new SyncLoop(synchronizer, ClockMode.Software, state, _ => { }))
        {
            loop.Start();
            Thread.Sleep(Window); // the measurement window: the iburst (8 requests, 2 s apart) and beyond

            double cpu = SyncThreadCpuSeconds() - cpuBefore;
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            SourceSnapshot source = loop.Snapshot.Sources.Single();

            Assert.True(cpu < 0.01 * Window.TotalSeconds, $"sync thread used {cpu:0.00} CPU-s in {Window.TotalSeconds} s");
            Assert.True(allocated < 8 << 20, $"{allocated} bytes allocated in {Window.TotalSeconds} s");
            Assert.Equal("port unreachable (nothing listens there)", source.Failure);
            Assert.Equal(0, source.Reach);
        }
    }

    /// <summary>User plus system time of this process's threads named "sync", from /proc/self/task/*/stat.</summary>
    private static double SyncThreadCpuSeconds()
    {
        const double ClockTicksPerSecond = 100; // USER_HZ on Linux
        double ticks = 0;
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue; // the thread ended meanwhile
            }

            int close = stat.LastIndexOf(')');
            if (stat[(stat.IndexOf('(') + 1)..close] != "sync")
            {
                continue;
            }

            string[] fields = stat[(close + 2)..].Split(' '); // fields from the third (state) on
            ticks += long.Parse(fields[11]) + long.Parse(fields[12]); // utime, stime: fields 14 and 15
        }

        return ticks / ClockTicksPerSecond;
    }
}
