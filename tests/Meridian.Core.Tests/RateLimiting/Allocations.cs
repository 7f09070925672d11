namespace Meridian.Core.Tests.RateLimiting;

/// <summary>
/// Bytes allocated on this thread by a batch of work, measured over several rounds after a warm-up.
/// A per-call allocation shows in every round; a one-off allocation by the runtime (a tier-up or
/// on-stack replacement landing in the measured window on a loaded machine) shows in one, so the
/// tests assert on the smallest round.
/// </summary>
internal static class Allocations
{
    public const int Rounds = 3;

    public static long[] PerRound(Action batch)
    {
        long[] allocated = new long[Rounds];
        for (int round = 0; round < Rounds; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            batch();
            allocated[round] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return allocated;
    }

    public static void AssertNoneInSomeRound(long[] allocated) =>
        Assert.True(allocated.Min() == 0, $"bytes allocated per round: {string.Join(", ", allocated)}");
}
