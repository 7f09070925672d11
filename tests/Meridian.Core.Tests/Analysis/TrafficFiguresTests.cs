using Meridian.Core.Analysis;
using Meridian.Core.Serving;

namespace Meridian.Core.Tests.Analysis;

public class TrafficFiguresTests
{
    // The operator's hand calculation: 1 154 718 900 bytes captured over 60 099.26 s, half of them outbound.
    private static readonly TrafficFigures Seed = new(0, 0, 577_359_450, 577_359_450, 60_099.26, UniqueCount.Exact(0));

    [Fact]
    public void Bandwidth_IsBytesTimesEightOverSeconds_InKilobitsPerSecond()
    {
        Assert.Equal(153.7, Seed.KbpsTotal, 1);
        Assert.Equal(1_154_718_900.0 * 8 / 60_099.26 / 1000, Seed.KbpsTotal, 9);
        Assert.Equal(Seed.KbpsTotal / 2, Seed.KbpsOut, 9);
    }

    [Fact]
    public void MonthlyCost_CountsOutboundBytesOnly_OverThirtyDays_AtThePricePerGigabyte()
    {
        double gbPerMonth = 577_359_450 / 60_099.26 * 2_592_000 / 1e9;

        Assert.Equal(gbPerMonth, Seed.OutboundGbPerMonth, 9);
        Assert.Equal(24.90, Seed.OutboundGbPerMonth, 2);
        Assert.Equal(2.99, Math.Round(Seed.CostPerMonth(0.12), 2));
        Assert.Equal(Seed.CostPerMonth(0.12), (Seed with { BytesIn = 10 * Seed.BytesIn }).CostPerMonth(0.12));
    }

    [Fact]
    public void AnEmptyPeriod_HasNoBandwidthAndNoCost()
    {
        var empty = new TrafficFigures(0, 0, 0, 0, 0, UniqueCount.Exact(0));

        Assert.Equal(0, empty.KbpsTotal);
        Assert.Equal(0, empty.CostPerMonth(0.12));
    }
}
