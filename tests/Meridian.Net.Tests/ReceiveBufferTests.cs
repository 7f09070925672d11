using System.Net;
using Meridian.Core.Serving;

namespace Meridian.Net.Tests;

/// <summary>A serving socket's receive buffer holds what the worker reads within the request age bound (ReceiveBufferSizing).</summary>
public class ReceiveBufferTests
{
    [Theory]
    [InlineData(0.001)]
    [InlineData(0.005)]
    [InlineData(0.100)]
    public void SizesTheReceiveBuffer_FromTheRequestAgeBound(double bound)
    {
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, RealtimeClock.Now()));
        var classifier = new RequestClassifier([]);
        using var loop = UdpServingLoop.Bind(new IPEndPoint(IPAddress.Loopback, 0), counters => new ServingPath(classifier, counters, ServingPolicy.Open(), new RequestAge(bound)), state);
        int wanted = ReceiveBufferSizing.Bytes(ReceiveBufferSizing.InitialRatePerSecond, new RequestAge(bound));
        int rmemMax = int.Parse(File.ReadAllText("/proc/sys/net/core/rmem_max").Trim(), System.Globalization.CultureInfo.InvariantCulture);

        // The kernel doubles the value set (socket(7)), after capping it at rmem_max.
        Assert.Equal(2 * Math.Min(wanted, rmemMax), loop.Socket.ReceiveBufferSize);
    }
}
