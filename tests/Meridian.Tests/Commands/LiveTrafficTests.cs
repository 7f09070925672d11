using Meridian.Commands.Traffic;
using Meridian.Core.Analysis;
using Meridian.Tests.Control;
using Meridian.Core.Serving;

namespace Meridian.Tests.Commands;

public class LiveTrafficTests
{
    [Fact]
    public void SinceStart_ReceivedIsInAndServedIsOut_OverTheUptime()
    {
        TrafficFigures figures = LiveTraffic.SinceStart(SampleReports.Report());

        Assert.Equal(new TrafficFigures(12345, 12000, 938_220, 912_000, 3723.5, UniqueCount.Exact(321)), figures);
    }

    [Fact]
    public void ASample_IsTheDifferenceOfTwoReadings_WithTheLaterClientCount()
    {
        var earlier = SampleReports.Report();
        var later = earlier with
        {
            UptimeSeconds = earlier.UptimeSeconds + 10,
            Counters = earlier.Counters with { Received = 12445, Served = 12090, BytesReceived = 945_820, BytesSent = 918_840, Clients = UniqueCount.Exact(330) },
        };

        Assert.Equal(new TrafficFigures(100, 90, 7600, 6840, 10, UniqueCount.Exact(330)), LiveTraffic.Between(earlier, later));
    }
}
