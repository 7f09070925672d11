using System.Net;
using System.Net.Sockets;
using Meridian.Core.Serving;

namespace Meridian.Net.Tests;

/// <summary>The kernel's software transmit timestamp of a sample of the replies is read back and compared with the T3 the reply carries.</summary>
public class KernelTransmitTimestampTests
{
    private const int Requests = 200;

    /// <summary>
    /// Loopback stamps a datagram in the send call; a basic client (origin not one of our receive
    /// timestamps) gets a kernel transmit time asked for on one reply in <see cref="KernelTransmitTimes.SampleEvery"/>:
    /// one error per sampled reply, none negative (T3 is read before the send), and the sum of the
    /// bucket counts is the count.
    /// </summary>
    [Fact]
    public void MeasuresTheTransmitTimestampError_OfOneReplyInSixteen()
    {
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, RealtimeClock.Now()));
        using var engine = TestEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], state);
        using var client = new LoopbackClient(AddressFamily.InterNetwork);
        for (int i = 0; i < Requests; i++)
        {
            Assert.NotNull(client.Exchange(engine.LocalEndPoints[0], LoopbackClient.ClientRequest(RealtimeClock.Now())));
        }

        // The loop reads the timestamps right after its sends; the last reply's may still be on its way.
        TransmitErrorSummary errors = engine.Counters().TransmitErrors;
        Assert.InRange(errors.Count, Requests / KernelTransmitTimes.SampleEvery - 1, Requests / KernelTransmitTimes.SampleEvery);
        Assert.Equal(errors.Count, errors.Buckets.Sum());
        Assert.True(errors.MeanMicroseconds > 0, $"mean {errors.MeanMicroseconds} µs");
        Assert.True(errors.QuantileMicroseconds(0.99) <= errors.MaxMicroseconds);
    }
}
