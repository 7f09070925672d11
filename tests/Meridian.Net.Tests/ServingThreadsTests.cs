using System.Diagnostics;

namespace Meridian.Net.Tests;

public sealed class ServingThreadsTests
{
    private const int SchedOther = 0;
    private const int SchedFifo = 1;

    [Fact]
    public void AnotherThread_RunsTenNiceLevelsAboveASchedOtherWorker()
    {
        using var worker = new ParkedThread();
        using var other = new ParkedThread();

        int lowered = ServingThreads.Lower([other.Id, worker.Id], [worker.Id]);

        Assert.Equal(1, lowered);
        Assert.Equal((SchedOther, ServingThreads.Of(worker.Id).Nice + ServingThreads.NiceAbove), ServingThreads.Of(other.Id));
        Assert.Equal(0, ServingThreads.Lower([other.Id], [worker.Id])); // already below: left alone
    }

    [Fact]
    public void UnderARealTimeWorker_RealTimeThreadsDropToSchedOther_AndTheWorkerKeepsItsPolicy()
    {
        using var worker = new ParkedThread();
        using var other = new ParkedThread();
        Assert.True(MakeFifo(worker.Id) && MakeFifo(other.Id), "setting SCHED_FIFO needs root, as the rest of these tests");

        int lowered = ServingThreads.Lower([worker.Id, other.Id], [worker.Id]);

        Assert.Equal(1, lowered);
        Assert.Equal(SchedOther, ServingThreads.Of(other.Id).Policy);
        Assert.Equal(SchedFifo, ServingThreads.Of(worker.Id).Policy);
    }

    [Fact]
    public void AllThreads_ListsTheCallingThread()
    {
        Assert.Contains(ServingThreads.CurrentId(), ServingThreads.All());
    }

    /// <summary>util-linux's chrt sets one thread's policy (<c>-p</c> takes a TID).</summary>
    private static bool MakeFifo(int thread)
    {
        using Process chrt = Process.Start("chrt", ["-f", "-p", "1", thread.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        chrt.WaitForExit();
        return chrt.ExitCode == 0;
    }

    /// <summary>A thread that waits until disposed, with its kernel id.</summary>
    private sealed class ParkedThread : IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private readonly ManualResetEventSlim _started = new();
        private readonly Thread _thread;
        private int _id;

        public ParkedThread()
        {
            _thread = new Thread(() =>
            {
                _id = ServingThreads.CurrentId();
                _started.Set();
                _release.Wait();
            });
            _thread.Start();
            _started.Wait();
        }

        public int Id => _id;

        public void Dispose()
        {
            _release.Set();
            _thread.Join();
            _release.Dispose();
            _started.Dispose();
        }
    }
}
