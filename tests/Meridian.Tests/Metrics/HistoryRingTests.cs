using Meridian.Metrics;

namespace Meridian.Tests.Metrics;

public class HistoryRingTests
{
    [Fact]
    public void KeepsTheLastCapacityRows_OldestFirst()
    {
        var ring = new HistoryRing(capacity: 4, columns: 2);
        for (int t = 1; t <= 6; t++)
        {
            ring.Append(t, [t, -t]);
        }

        HistoryRows rows = ring.Read();
        Assert.Equal([3L, 4, 5, 6], rows.Times);
        Assert.Equal([3f, -3, 4, -4, 5, -5, 6, -6], rows.Values);
    }

    [Fact]
    public void ReadsOnlyRowsAfterTheGivenTime()
    {
        var ring = new HistoryRing(capacity: 8, columns: 1);
        for (int t = 10; t < 15; t++)
        {
            ring.Append(t, [t]);
        }

        Assert.Equal([13L, 14], ring.Read(afterUnixSeconds: 12).Times);
    }

    [Fact]
    public void CostsItsStatedBytes() => Assert.Equal(3601 * (8 + (4 * 10)), new HistoryRing(3600, 10).Bytes);
}
