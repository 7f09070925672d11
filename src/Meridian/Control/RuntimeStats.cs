namespace Meridian.Control;

/// <summary>The runtime's garbage collections and allocations so far: a load test shows they do not move.</summary>
public sealed record RuntimeStats(int Gen0Collections, int Gen1Collections, int Gen2Collections, long AllocatedBytes)
{
    public static RuntimeStats Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(precise: false));
}
